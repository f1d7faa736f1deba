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

    JCacheReplayStore(Duration ttl, ClassLoader loader) {
        CacheManager manager = Caching.getCachingProvider(loader).getCacheManager();
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
