package dev.captchagate.trustcaptcha.replay;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;

/**
 * A replay store in a JCache, with the cache's own expiry: with a clustered provider (Payara's Hazelcast) the
 * instances of a cluster refuse each other's tokens. Loaded only when the JCache API is present.
 */
final class JCacheReplayStore implements ReplayStore {

    /** The name of the cache. */
    static final String CACHE_NAME = "trustcaptcha-replay";

    private final Cache<String, Boolean> cache;
    private final String description;

    private JCacheReplayStore(CacheManager manager, Duration ttl) {
        Cache<String, Boolean> existing = manager.getCache(CACHE_NAME, String.class, Boolean.class);
        this.cache = existing != null ? existing : manager.createCache(CACHE_NAME,
                new MutableConfiguration<String, Boolean>()
                        .setTypes(String.class, Boolean.class)
                        .setStoreByValue(true)
                        .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(
                                new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, ttl.toMillis()))));
        this.description = "JCache '" + CACHE_NAME + "' (" + manager.getCachingProvider().getClass().getName()
                + "), each id for " + ttl;
    }

    /**
     * Opens the store (called by reflection, so that no class CDI reads refers to the JCache API).
     *
     * @param ttl how long an id is remembered
     * @param cacheManager a {@code javax.cache.CacheManager} the server provides through CDI, or null to take the
     *     default caching provider's
     * @param loader the application's class loader
     * @return the store
     */
    static ReplayStore open(Duration ttl, Object cacheManager, ClassLoader loader) {
        CacheManager manager = cacheManager != null ? (CacheManager) cacheManager
                : Caching.getCachingProvider(loader).getCacheManager();
        return new JCacheReplayStore(manager, ttl);
    }

    @Override
    public boolean claim(UUID verificationId) {
        return cache.putIfAbsent(verificationId.toString(), Boolean.TRUE);
    }

    @Override
    public void release(UUID verificationId) {
        cache.remove(verificationId.toString());
    }

    @Override
    public String toString() {
        return description;
    }
}
