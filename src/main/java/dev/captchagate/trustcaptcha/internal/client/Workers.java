package dev.captchagate.trustcaptcha.internal.client;

import dev.captchagate.trustcaptcha.internal.util.ContainerThreads;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The bounded pool that runs result calls, so that the caller can stop waiting at the deadline. Threads come from
 * {@link ContainerThreads}: the server's managed thread factory where there is one. Not the server's managed executor:
 * its queue and size are the server's, and the concurrency limit needs a pool that never queues a call.
 */
final class Workers {

    /** How long a call the limit let through waits for a thread that is on its way back to the pool. */
    static final int HAND_OVER_SECONDS = 1;

    private Workers() {
    }

    /**
     * A pool for at most {@code size} calls in flight (the caller limits them, see {@link ResultClient}) and the
     * breaker's one probe: at most {@code size + 1} threads; an idle thread takes the next call, a new one is made
     * only when none is idle, and idle threads end after a minute. A call the limit let through is never refused: a
     * thread that has given back its place may still be on its way back to the pool (a busy machine can deschedule it
     * there), and the call then waits up to {@value #HAND_OVER_SECONDS} s for it. Only a pool that is shut down
     * refuses.
     *
     * @param size the most calls at once
     * @return the pool
     */
    static ThreadPoolExecutor pool(int size) {
        return pool(size, ContainerThreads.factory("trustcaptcha-verify"), null);
    }

    /**
     * The same pool with a given thread factory, and a hook run after each task (for tests that wait for calls).
     *
     * @param size the most calls at once
     * @param threads the thread factory
     * @param afterEach run after each task, or null
     * @return the pool
     */
    static ThreadPoolExecutor pool(int size, ThreadFactory threads, Runnable afterEach) {
        return new ThreadPoolExecutor(0, size + 1, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), threads,
                Workers::handOver) {
            @Override
            protected void afterExecute(Runnable task, Throwable failure) {
                if (afterEach != null) {
                    afterEach.run();
                }
            }
        };
    }

    /** Waits for a thread on its way back, rather than refusing a call the concurrency limit let through. */
    private static void handOver(Runnable task, ThreadPoolExecutor pool) {
        try {
            if (!pool.isShutdown() && pool.getQueue().offer(task, HAND_OVER_SECONDS, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        throw new RejectedExecutionException("the verification pool is shut down or has no thread back in time");
    }
}
