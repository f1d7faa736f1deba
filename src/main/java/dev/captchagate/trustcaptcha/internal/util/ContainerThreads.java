package dev.captchagate.trustcaptcha.internal.util;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Where the library's threads come from: the server's default managed thread factory, looked up by its standard name
 * (Jakarta Concurrency), so that they carry the application's context and the server knows them; where there is none
 * (a server without Jakarta Concurrency, a unit test), plain daemon threads with the application's class loader. Each
 * pool says at start-up which it got.
 */
public final class ContainerThreads {

    /** The standard name of the default managed thread factory (Jakarta Concurrency, every Jakarta EE 10 server). */
    static final String DEFAULT_MANAGED_THREAD_FACTORY = "java:comp/DefaultManagedThreadFactory";

    private static final Logger LOG = Logger.getLogger(ContainerThreads.class.getName());

    private ContainerThreads() {
    }

    /**
     * A thread factory for one of the library's pools. Call it on a thread of the application (at start-up), so that
     * the lookup sees the application's naming context and the fallback its class loader.
     *
     * @param pool the pool's name, for the log and for plain threads' names, e.g. {@code trustcaptcha-verify}
     * @return the factory
     */
    public static ThreadFactory factory(String pool) {
        try {
            Object managed = new InitialContext().lookup(DEFAULT_MANAGED_THREAD_FACTORY);
            if (managed instanceof ThreadFactory threads) {
                LOG.info("TrustCaptcha: the pool " + pool + " takes its threads from the server's "
                        + DEFAULT_MANAGED_THREAD_FACTORY);
                return threads;
            }
        } catch (NamingException | RuntimeException notInAContainer) {
            // Fall through to plain threads.
        }
        LOG.info("TrustCaptcha: the pool " + pool + " takes plain daemon threads (no " + DEFAULT_MANAGED_THREAD_FACTORY
                + ")");
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, pool + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(application);
            return thread;
        };
    }
}
