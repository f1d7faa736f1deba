package dev.captchagate.trustcaptcha.replay;

import dev.captchagate.trustcaptcha.config.ConfigReader;
import dev.captchagate.trustcaptcha.config.Keys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Produces the application's {@link ReplayStore}: a JCache when the server has the API and a provider, else memory.
 * An application's own store, declared as an enabled CDI alternative, replaces this one.
 *
 * <p>The JCache store is created by name, by reflection, so that this class (which CDI reads) never refers to the
 * JCache API: the jar deploys on servers without it.
 */
@ApplicationScoped
public class ReplayStores {

    private static final Logger LOG = Logger.getLogger(ReplayStores.class.getName());

    /** The default time to live: as long as TrustCaptcha keeps a result. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(15);

    /**
     * The store.
     *
     * @return the store
     */
    @Produces
    @ApplicationScoped
    ReplayStore replayStore() {
        ConfigReader reader = ConfigReader.of(ConfigProvider.getConfig());
        Duration ttl = ttl(reader);
        ReplayStore store = jcache(ttl);
        if (store == null) {
            store = new MemoryReplayStore(ttl, MemoryReplayStore.DEFAULT_MAX_ENTRIES, System::nanoTime);
        }
        LOG.info("TrustCaptcha replay protection: " + store);
        return store;
    }

    /**
     * Reads {@code trustcaptcha.replay.ttl}; problems go to the reader.
     *
     * @param reader the reader
     * @return the time to live
     */
    public static Duration ttl(ConfigReader reader) {
        return reader.duration(Keys.REPLAY_TTL, DEFAULT_TTL);
    }

    private static ReplayStore jcache(Duration ttl) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            Class.forName("javax.cache.Caching", false, loader);
        } catch (ClassNotFoundException | LinkageError absent) {
            return null;
        }
        try {
            return (ReplayStore) Class.forName(ReplayStores.class.getPackageName() + ".JCacheReplayStore", true,
                            ReplayStores.class.getClassLoader())
                    .getDeclaredConstructor(Duration.class, ClassLoader.class).newInstance(ttl, loader);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError noProvider) {
            // The API without a usable provider (javax.cache.CacheException), or a provider that refuses.
            LOG.log(Level.INFO, "TrustCaptcha: no usable JCache provider, replay protection stays in this JVM ("
                    + noProvider + ")");
            return null;
        }
    }
}
