package dev.captchagate.trustcaptcha.client;

import java.util.concurrent.LinkedBlockingQueue;
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

    private Workers() {
    }

    /**
     * A pool of at most {@code size} threads, created as needed; idle threads end after a minute. The caller limits
     * the calls in flight to {@code size} (see {@link ResultClient}); the queue only bridges the moment in which a
     * thread that has finished a call is on its way back to take the next one.
     *
     * @param size the most calls at once
     * @return the pool
     */
    static ThreadPoolExecutor pool(int size) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                threadFactory());
        pool.allowCoreThreadTimeOut(true);
        return pool;
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
