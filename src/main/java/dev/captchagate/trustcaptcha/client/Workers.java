package dev.captchagate.trustcaptcha.client;

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

    private Workers() {
    }

    /**
     * A pool for at most {@code size} calls in flight (the caller limits them, see {@link ResultClient}): an idle
     * thread takes the next call, a new one is made only when none is idle, and idle threads end after a minute.
     * It may hold up to twice {@code size} threads, because a thread that has finished a call (and given back its
     * permit) is briefly on its way back while the next call already needs one; so it never refuses a permitted call.
     *
     * @param size the most calls at once
     * @return the pool
     */
    static ThreadPoolExecutor pool(int size) {
        return new ThreadPoolExecutor(0, 2 * size, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), threadFactory());
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
