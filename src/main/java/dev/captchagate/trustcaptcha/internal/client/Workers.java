package dev.captchagate.trustcaptcha.internal.client;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The bounded pool that runs result calls, so that the caller can stop waiting at the deadline. Threads come
 * from the server's default managed thread factory when there is one (they then carry the application's
 * context), else from a plain factory that gives them the application's class loader.
 */
final class Workers {

    private static final String MANAGED_THREAD_FACTORY = "java:comp/DefaultManagedThreadFactory";

    /** How long a permitted call waits for a thread that is on its way back to the pool. */
    static final int HAND_OVER_SECONDS = 1;

    private Workers() {
    }

    /**
     * A pool for at most {@code size} calls in flight (the caller limits them, see {@link ResultClient}) and the
     * breaker's one probe: at most {@code size + 1} threads; an idle thread takes the next call, a new one is made
     * only when none is idle, and idle threads end after a minute. A permitted call is never refused: a thread that
     * has given back its permit may still be on its way back to the pool (a busy machine can deschedule it there),
     * and the call then waits up to {@value #HAND_OVER_SECONDS} s for it. Only a pool that is shut down refuses.
     *
     * @param size the most calls at once
     * @return the pool
     */
    static ThreadPoolExecutor pool(int size) {
        return pool(size, threadFactory(), null);
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

    /** Waits for a thread on its way back, rather than refusing a call the bulkhead permitted. */
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

    private static ThreadFactory threadFactory() {
        try {
            Object managed = new InitialContext().lookup(MANAGED_THREAD_FACTORY);
            if (managed instanceof ThreadFactory) {
                return (ThreadFactory) managed;
            }
        } catch (NamingException | RuntimeException notInAContainer) {
            // Fall through to a plain factory.
        }
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "trustcaptcha-verify-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(application);
            return thread;
        };
    }
}
