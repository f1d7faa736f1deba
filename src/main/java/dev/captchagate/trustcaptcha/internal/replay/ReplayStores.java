package dev.captchagate.trustcaptcha.internal.replay;

import dev.captchagate.trustcaptcha.internal.config.Configuration;
import dev.captchagate.trustcaptcha.internal.config.Keys;
import dev.captchagate.trustcaptcha.internal.util.ContainerThreads;
import dev.captchagate.trustcaptcha.replay.MemoryReplayStore;
import dev.captchagate.trustcaptcha.replay.ReplayStore;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.CDI;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Produces the application's {@link ReplayStore}, chosen at start-up: a JCache when the server has the API and a
 * cache manager (the one the server provides through CDI first, as Payara does for its Hazelcast member; else the
 * default caching provider's), else memory. An application's own store, declared as an enabled CDI alternative,
 * replaces this one.
 *
 * <p>A cache gets {@value #OPEN_SECONDS} seconds to open, and each call on it {@value #CALL_MILLIS} ms; a cache that
 * does not open in time is not used (logged). The JCache classes are named only by reflection, so that this class,
 * which CDI reads, never refers to the JCache API: the jar deploys on servers without it.
 */
@ApplicationScoped
public class ReplayStores {

    private static final Logger LOG = Logger.getLogger(ReplayStores.class.getName());

    /** How long a cache may take to open. */
    static final int OPEN_SECONDS = 10;

    /** How long one call on a cache may take. */
    static final int CALL_MILLIS = 2000;

    /** Threads that call the cache. */
    static final int CALL_THREADS = 32;

    /** Calls that may wait for one of them; more are refused at once (503). */
    static final int CALL_QUEUE = 4096;

    private ThreadPoolExecutor calls;
    private ReplayStore store;

    @PostConstruct
    void open() {
        Configuration configuration = Configuration.of(ConfigProvider.getConfig()).requireValid();
        Duration ttl = configuration.get(Keys.REPLAY_TTL);
        int capacity = configuration.get(Keys.REPLAY_CAPACITY);
        String cacheName = configuration.get(Keys.REPLAY_CACHE);
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        // Every protected request claims (and may release) an id: the pool takes bursts in its queue, and a cache that
        // stalls can hold only its threads; each caller gives up at the call's deadline either way.
        calls = new ThreadPoolExecutor(CALL_THREADS, CALL_THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(CALL_QUEUE), ContainerThreads.factory("trustcaptcha-replay"));
        calls.allowCoreThreadTimeOut(true);
        ReplayStore jcache = jcache(ttl, cacheName, capacity, application);
        store = jcache != null ? new GuardedReplayStore(jcache, Duration.ofMillis(CALL_MILLIS), calls)
                : new MemoryReplayStore(ttl, capacity, System::nanoTime);
        LOG.info("TrustCaptcha replay protection: " + store);
    }

    /** Chooses the store when the application starts, not at the first request. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Nothing to do: being notified is what creates this bean.
    }

    @PreDestroy
    void close() {
        calls.shutdownNow();
    }

    /**
     * Which store is in use, for the readiness check: {@code memory}, or {@code jcache:} and the cache's name.
     *
     * @return the kind of store
     */
    public String kind() {
        ReplayStore inUse = store instanceof GuardedReplayStore guarded ? guarded.guarded() : store;
        if (inUse instanceof Watched cache) { // an interface of ours: no JCache class is loaded where there is none
            return cache.kind();
        }
        return inUse instanceof MemoryReplayStore ? "memory" : inUse.getClass().getName();
    }

    /**
     * The ids the store forgot within their time to live because it was full: the memory store's own count, a
     * JCache's JSR-107 statistics.
     *
     * @return the count since the store was opened, or -1 when the store does not tell
     */
    public long evictions() {
        ReplayStore inUse = store instanceof GuardedReplayStore guarded ? guarded.guarded() : store;
        if (inUse instanceof Watched cache) {
            return cache.evictionCount();
        }
        return inUse instanceof MemoryReplayStore memory ? memory.evictions() : -1;
    }

    /**
     * The store.
     *
     * @return the store
     */
    @Produces
    @ApplicationScoped
    ReplayStore replayStore() {
        return store;
    }

    private ReplayStore jcache(Duration ttl, String cacheName, int capacity, ClassLoader loader) {
        Class<?> managerType;
        try {
            managerType = Class.forName("javax.cache.CacheManager", false, loader);
        } catch (ClassNotFoundException | LinkageError absent) {
            return null;
        }
        AtomicBoolean serverManager = new AtomicBoolean();
        Future<ReplayStore> opened = calls.submit(() -> {
            Object manager = null;
            Instance<?> provided = CDI.current().select(managerType);
            if (provided.isResolvable()) {
                manager = provided.get();
                serverManager.set(true);
            }
            try {
                return (ReplayStore) Class.forName(ReplayStores.class.getPackageName() + ".JCacheReplayStore", true,
                                ReplayStores.class.getClassLoader())
                        .getDeclaredMethod("open", Duration.class, String.class, int.class, Object.class,
                                ClassLoader.class)
                        .invoke(null, ttl, cacheName, capacity, manager, loader);
            } catch (InvocationTargetException failed) {
                throw failed.getCause() instanceof Exception ? (Exception) failed.getCause() : failed;
            }
        });
        try {
            return opened.get(OPEN_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException late) {
            opened.cancel(true);
            LOG.warning("TrustCaptcha: the JCache did not open within " + OPEN_SECONDS + " s; replay protection stays "
                    + "in this JVM");
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof CacheMismatch) {
                // The cache exists with another expiry: using it would keep ids for the wrong time, silently.
                String message = "TrustCaptcha: " + failed.getCause().getMessage();
                LOG.severe(message); // the container may report only its own wrapper of the exception
                throw new IllegalStateException(message, failed.getCause());
            }
            if (serverManager.get()) {
                // The server offers a cache manager, and its cache could not be used: the instances of a cluster no
                // longer refuse each other's tokens, which an operator must hear about.
                LOG.warning("TrustCaptcha: the server's JCache could not be used, replay protection stays in this JVM "
                        + "(" + failed.getCause() + ")");
            } else {
                // The API without a usable provider (javax.cache.CacheException), or a provider that refuses.
                LOG.info("TrustCaptcha: no usable JCache, replay protection stays in this JVM (" + failed.getCause()
                        + ")");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        return null;
    }
}
