package dev.captchagate.trustcaptcha.internal.replay;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.expiry.CreatedExpiryPolicy;

/**
 * What the JCache API cannot say or set: a cache's capacity. The one provider-specific class of the library, and
 * it names the provider's classes only by reflection, through the provider's own class loader: no compile-time
 * dependency, and on any other provider (or a Hazelcast whose API differs) it answers "not known" and the library
 * falls back to the standard configuration.
 *
 * <p>Hazelcast (Payara's JCache): a {@code com.hazelcast.config.CacheConfig} is a {@link CompleteConfiguration} that
 * {@code createCache} accepts, and carries an eviction configuration ({@code ENTRY_COUNT}, least recently used
 * first).
 */
final class ProviderCaches {

    private static final String HAZELCAST_CACHE_CONFIG = "com.hazelcast.config.CacheConfig";

    private ProviderCaches() {
    }

    /**
     * A configuration for a new cache with the given capacity, when the provider allows one.
     *
     * @param manager the cache manager
     * @param ttl the expiry after creation
     * @param capacity the most entries
     * @return the configuration, or empty for a provider this class does not know
     */
    @SuppressWarnings("unchecked")
    static Optional<Configuration<Object, Object>> configuration(CacheManager manager, Duration ttl, int capacity) {
        try {
            ClassLoader provider = manager.getClass().getClassLoader();
            Class<?> cacheConfigType = Class.forName(HAZELCAST_CACHE_CONFIG, false, provider);
            Object config = cacheConfigType.getConstructor().newInstance();
            cacheConfigType.getMethod("setTypes", Class.class, Class.class).invoke(config, String.class, Long.class);
            cacheConfigType.getMethod("setStatisticsEnabled", boolean.class).invoke(config, true);
            cacheConfigType.getMethod("setExpiryPolicyFactory", javax.cache.configuration.Factory.class)
                    .invoke(config, CreatedExpiryPolicy.factoryOf(
                            new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, ttl.toMillis())));
            Class<?> evictionType = Class.forName("com.hazelcast.config.EvictionConfig", false, provider);
            Object eviction = evictionType.getConstructor().newInstance();
            evictionType.getMethod("setSize", int.class).invoke(eviction, capacity);
            setEnum(eviction, "setMaxSizePolicy", "com.hazelcast.config.MaxSizePolicy", "ENTRY_COUNT", provider);
            setEnum(eviction, "setEvictionPolicy", "com.hazelcast.config.EvictionPolicy", "LRU", provider);
            cacheConfigType.getMethod("setEvictionConfig", evictionType).invoke(config, eviction);
            return Optional.of((Configuration<Object, Object>) config);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException notHazelcast) {
            return Optional.empty();
        }
    }

    /**
     * A cache's capacity, when the provider shows it and it counts entries.
     *
     * @param cache the cache
     * @return the most entries, or empty when not known
     */
    @SuppressWarnings("unchecked")
    static Optional<Integer> capacity(Cache<Object, Object> cache) {
        try {
            Object config = cache.getConfiguration(CompleteConfiguration.class);
            Method evictionGetter = config.getClass().getMethod("getEvictionConfig");
            Object eviction = evictionGetter.invoke(config);
            Object policy = eviction.getClass().getMethod("getMaxSizePolicy").invoke(eviction);
            if (!"ENTRY_COUNT".equals(String.valueOf(policy))) {
                return Optional.empty();
            }
            return Optional.of((Integer) eviction.getClass().getMethod("getSize").invoke(eviction));
        } catch (ReflectiveOperationException | LinkageError | RuntimeException notShown) {
            return Optional.empty();
        }
    }

    private static void setEnum(Object target, String setter, String enumType, String constant, ClassLoader loader)
            throws ReflectiveOperationException {
        Class<?> type = Class.forName(enumType, false, loader);
        Object value = type.getMethod("valueOf", String.class).invoke(null, constant);
        target.getClass().getMethod(setter, type).invoke(target, value);
    }
}
