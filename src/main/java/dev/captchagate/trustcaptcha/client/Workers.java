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
     * A pool for at most {@code size} calls in flight (the caller limits them, see {@link ResultClient}) and the
     * breaker's one probe: at most {@code size + 1} threads, made as needed, ending after a minute idle. A call
     * never waits for a thread, except for the moment a thread that has just given back its permit takes to come
     * back for the next task: the queue holds it for that moment instead of refusing it (a pool that hands tasks
     * over without a queue refuses a permitted call whenever the thread that finished is descheduled on its way
     * back, which a busy machine does). Only a pool that is shut down refuses.
     *
     * @param size the most calls at once
     * @return the pool
     */
    static ThreadPoolExecutor pool(int size) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(size + 1, size + 1, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threadFactory());
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
