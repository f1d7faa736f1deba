package dev.captchagate.trustcaptcha.internal.replay;

import dev.captchagate.trustcaptcha.replay.ReplayStore;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A replay store whose calls end within a deadline: a distributed cache can stall (a member out of reach, a client
 * that keeps reconnecting), and no request may wait on it for good. A call past the deadline fails, and the
 * verifier answers 503 {@code verification-unavailable}.
 *
 * <p>A claim that failed or timed out on our side may still have been written, or be written later: the client
 * was told 503 before any call to TrustCaptcha, and must be able to send the same token again. So such a claim is
 * taken back once the store call has ended, by the thread that made it: the release ({@code remove(id, attempt)})
 * follows the write, and never removes another attempt's claim.
 */
final class GuardedReplayStore implements ReplayStore {

    private static final int PENDING = 0;
    private static final int DONE = 1;
    private static final int ABANDONED = 2;

    private final ReplayStore store;
    private final Duration deadline;
    private final ExecutorService calls;

    GuardedReplayStore(ReplayStore store, Duration deadline, ExecutorService calls) {
        this.store = store;
        this.deadline = deadline;
        this.calls = calls;
    }

    @Override
    public boolean claim(UUID verificationId, long attempt) {
        AtomicInteger state = new AtomicInteger(PENDING);
        Future<Boolean> answer = submit(() -> {
            boolean failed = true;
            try {
                boolean claimed = store.claim(verificationId, attempt);
                failed = false;
                return claimed;
            } finally {
                if (!state.compareAndSet(PENDING, DONE) || failed) {
                    // The caller gave up, or the store failed after it may have written: take our own write back.
                    Thread.interrupted(); // a stray interrupt of this pool thread must not stop the release
                    releaseQuietly(verificationId, attempt);
                }
            }
        });
        try {
            return await(answer, false);
        } catch (IllegalStateException gaveUp) {
            if (!state.compareAndSet(PENDING, ABANDONED)) {
                // The call ended between the deadline and now, possibly with our claim: release it in the background.
                submitQuietly(() -> {
                    releaseQuietly(verificationId, attempt);
                    return Boolean.TRUE;
                });
            }
            throw gaveUp;
        }
    }

    @Override
    public void release(UUID verificationId, long attempt) {
        await(submit(() -> {
            store.release(verificationId, attempt);
            return Boolean.TRUE;
        }), true);
    }

    private void releaseQuietly(UUID verificationId, long attempt) {
        try {
            store.release(verificationId, attempt);
        } catch (RuntimeException stillFailing) {
            // Nothing more to do: the id expires with the cache's time to live.
        }
    }

    private Future<Boolean> submit(Callable<Boolean> operation) {
        try {
            return calls.submit(operation);
        } catch (RuntimeException busy) {
            throw new IllegalStateException("the replay store is busy", busy);
        }
    }

    private void submitQuietly(Callable<Boolean> operation) {
        try {
            calls.submit(operation);
        } catch (RuntimeException busy) {
            // The id expires with the cache's time to live.
        }
    }

    /**
     * Waits for a call. A release that is late is cancelled (interrupted); a claim is left to run and end, even one
     * that has not started yet, so that whatever it writes is taken back by the same thread right after.
     */
    private boolean await(Future<Boolean> answer, boolean cancelWhenLate) {
        try {
            return answer.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException late) {
            if (cancelWhenLate) {
                answer.cancel(true);
            }
            throw new IllegalStateException("the replay store did not answer within " + deadline.toMillis() + " ms");
        } catch (InterruptedException interrupted) {
            if (cancelWhenLate) {
                answer.cancel(true);
            }
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the replay store", interrupted);
        } catch (ExecutionException failed) {
            throw new IllegalStateException("the replay store failed", failed.getCause());
        }
    }

    /**
     * The store it guards.
     *
     * @return the store
     */
    ReplayStore guarded() {
        return store;
    }

    @Override
    public String toString() {
        return store + " (each call within " + deadline.toMillis() + " ms)";
    }
}
