package dev.captchagate.trustcaptcha.replay;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A replay store whose calls end within a deadline: a distributed cache can stall (a member out of reach, a client
 * that keeps reconnecting), and no request may wait on it for good. A call past the deadline fails, and the
 * verifier answers 503 {@code verification-unavailable}.
 */
final class GuardedReplayStore implements ReplayStore {

    private final ReplayStore store;
    private final Duration deadline;
    private final ExecutorService calls;

    GuardedReplayStore(ReplayStore store, Duration deadline, ExecutorService calls) {
        this.store = store;
        this.deadline = deadline;
        this.calls = calls;
    }

    @Override
    public boolean claim(UUID verificationId) {
        return call(() -> store.claim(verificationId));
    }

    @Override
    public void release(UUID verificationId) {
        call(() -> {
            store.release(verificationId);
            return Boolean.TRUE;
        });
    }

    private boolean call(Callable<Boolean> operation) {
        Future<Boolean> answer;
        try {
            answer = calls.submit(operation);
        } catch (RejectedExecutionException busy) {
            throw new IllegalStateException("the replay store is busy", busy);
        }
        try {
            return answer.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException late) {
            answer.cancel(true);
            throw new IllegalStateException("the replay store did not answer within " + deadline.toMillis() + " ms");
        } catch (InterruptedException interrupted) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the replay store", interrupted);
        } catch (ExecutionException failed) {
            throw new IllegalStateException("the replay store failed", failed.getCause());
        }
    }

    @Override
    public String toString() {
        return store + " (each call within " + deadline.toMillis() + " ms)";
    }
}
