package dev.captchagate.trustcaptcha.internal.replay;

import dev.captchagate.trustcaptcha.replay.ReplayStore;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * A replay store in a JCache, with the cache's own expiry: with a clustered provider (Payara's Hazelcast) the
 * instances of a cluster refuse each other's tokens. Loaded only when the JCache API is present.
 *
 * <p>The standard API cannot set a cache's capacity, and a provider gives a cache created through it its default
 * (Hazelcast: 10,000 entries, enforced per partition, least recently used first). So the store opens the cache the
 * server's configuration declares when there is one (untyped: a declared cache names no types), and creates it
 * otherwise, with the capacity set where the provider allows it ({@link ProviderCaches}). It checks that the cache's
 * expiry is {@code trustcaptcha.replay.ttl} (an existing cache with another expiry fails the deployment), states
 * the capacity and expiry at start-up, and watches the JSR-107 statistics: ids evicted within their time to live
 * (entry listeners do not see evictions) are logged as a warning, at most once a minute.
 */
final class JCacheReplayStore implements ReplayStore, Watched {

    private static final Logger LOG = Logger.getLogger(JCacheReplayStore.class.getName());

    /** The name of the cache unless {@code trustcaptcha.replay.cache} says otherwise. */
    static final String DEFAULT_CACHE_NAME = "trustcaptcha-replay";

    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    private final Cache<Object, Object> cache;
    private final String description;
    private final ObjectName statistics;
    private final LongSupplier clock;
    /** Read without the lock on every claim: only a claim that finds the minute over takes it. */
    private volatile long nextCheck;
    private long evictionsSeen;
    private volatile long lastEvictions;

    private JCacheReplayStore(Cache<Object, Object> cache, String description, ObjectName statistics,
                              LongSupplier clock) {
        this.cache = cache;
        this.description = description;
        this.statistics = statistics;
        this.clock = clock;
        this.nextCheck = clock.getAsLong();
        this.evictionsSeen = evictions();
    }

    /**
     * Opens the store (called by reflection, so that no class CDI reads refers to the JCache API).
     *
     * @param ttl how long an id is remembered
     * @param name the cache's name
     * @param capacity the capacity to give a cache this store creates, where the provider allows it
     * @param cacheManager a {@code javax.cache.CacheManager} the server provides through CDI, or null to take the
     *     default caching provider's
     * @param loader the application's class loader
     * @return the store
     * @throws CacheMismatch when the cache exists with another expiry than {@code ttl}
     */
    static ReplayStore open(Duration ttl, String name, int capacity, Object cacheManager, ClassLoader loader) {
        CacheManager manager = cacheManager != null ? (CacheManager) cacheManager
                : Caching.getCachingProvider(loader).getCacheManager();
        return open(ttl, name, capacity, manager, System::nanoTime);
    }

    static JCacheReplayStore open(Duration ttl, String name, int capacity, CacheManager manager,
                                  LongSupplier clock) {
        Cache<Object, Object> cache = manager.getCache(name);
        String origin;
        if (cache != null) {
            Duration expiry = expiry(cache);
            if (!ttl.equals(expiry)) {
                throw new CacheMismatch("the JCache '" + name + "' exists and keeps each entry "
                        + (expiry == null ? "without a time limit" : "for " + expiry) + ", but trustcaptcha.replay.ttl"
                        + " is " + ttl + ": declare the cache with an expiry of " + ttl + " (see the README), set "
                        + "trustcaptcha.replay.ttl to match it, or name another cache with trustcaptcha.replay.cache "
                        + "(a cache created by an earlier deployment lives until the server restarts)");
            }
            origin = "found";
        } else {
            Configuration<Object, Object> config = ProviderCaches.configuration(manager, ttl, capacity)
                    .orElseGet(() -> standardConfiguration(ttl));
            cache = manager.createCache(name, config);
            origin = "created";
        }
        manager.enableStatistics(name, true);
        String capacityFact = ProviderCaches.capacity(cache)
                .map(entries -> "at most " + entries + " ids")
                .orElse("capacity not shown by the provider");
        String description = "JCache '" + name + "' (" + origin + ", " + manager.getCachingProvider().getClass()
                .getName() + "), " + capacityFact + ", each for " + ttl;
        if (origin.equals("found") && ProviderCaches.capacity(cache).map(entries -> entries < capacity)
                .orElse(false)) {
            LOG.warning("TrustCaptcha: the JCache '" + name + "' holds " + capacityFact + ", fewer than "
                    + "trustcaptcha.replay.capacity (" + capacity + "): ids may be forgotten within "
                    + "trustcaptcha.replay.ttl under load");
        }
        if (origin.equals("created") && ProviderCaches.capacity(cache).map(entries -> entries < capacity)
                .orElse(true)) {
            LOG.warning("TrustCaptcha: the JCache '" + name + "' was created with the provider's default capacity ("
                    + capacityFact + "): ids may be forgotten within trustcaptcha.replay.ttl under load. Declare "
                    + "the cache in the server's configuration with " + capacity + " entries (see the README)");
        }
        return new JCacheReplayStore(cache, description, statisticsName(manager, name), clock);
    }

    @SuppressWarnings("unchecked")
    private static Configuration<Object, Object> standardConfiguration(Duration ttl) {
        MutableConfiguration<String, Long> config = new MutableConfiguration<String, Long>()
                .setTypes(String.class, Long.class)
                .setStoreByValue(true)
                .setStatisticsEnabled(true)
                .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(
                        new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, ttl.toMillis())));
        return (Configuration<Object, Object>) (Configuration<?, ?>) config;
    }

    /** The expiry of entries on creation, or null when they never expire (or the provider does not say). */
    @SuppressWarnings("unchecked")
    private static Duration expiry(Cache<Object, Object> cache) {
        CompleteConfiguration<Object, Object> config = cache.getConfiguration(CompleteConfiguration.class);
        ExpiryPolicy policy = config.getExpiryPolicyFactory().create();
        javax.cache.expiry.Duration created = policy.getExpiryForCreation();
        if (created == null || created.isEternal()) {
            return null;
        }
        return Duration.ofNanos(created.getTimeUnit().toNanos(created.getDurationAmount()));
    }

    private static ObjectName statisticsName(CacheManager manager, String name) {
        try {
            ObjectName pattern = new ObjectName("javax.cache:type=CacheStatistics,Cache=" + ObjectName.quote(name)
                    + ",*");
            Set<ObjectName> found = ManagementFactory.getPlatformMBeanServer().queryNames(pattern, null);
            if (found.isEmpty()) {
                pattern = new ObjectName("javax.cache:type=CacheStatistics,Cache=" + name + ",*");
                found = ManagementFactory.getPlatformMBeanServer().queryNames(pattern, null);
            }
            return found.isEmpty() ? null : found.iterator().next();
        } catch (javax.management.MalformedObjectNameException | RuntimeException unusable) {
            return null;
        }
    }

    @Override
    public boolean claim(UUID verificationId, long attempt) {
        boolean claimed = cache.putIfAbsent(verificationId.toString(), attempt);
        if (claimed) {
            watchEvictions();
        }
        return claimed;
    }

    @Override
    public void release(UUID verificationId, long attempt) {
        cache.remove(verificationId.toString(), attempt);
    }

    /** Once a minute at most: new evictions mean ids forgotten within their time to live. */
    private void watchEvictions() {
        if (statistics == null) {
            return;
        }
        long now = clock.getAsLong();
        if (now - nextCheck < 0) {
            return;
        }
        synchronized (this) {
            if (now - nextCheck < 0) {
                return; // another claim checked meanwhile
            }
            nextCheck = now + MINUTE;
        }
        long evictions = evictions();
        long added;
        synchronized (this) {
            added = evictions - evictionsSeen;
            evictionsSeen = Math.max(evictionsSeen, evictions);
        }
        if (added > 0) {
            LOG.warning("TrustCaptcha: the replay cache evicted " + added + " ids within trustcaptcha.replay.ttl "
                    + "(JSR-107 statistics): a replayed token may cost a call to TrustCaptcha instead of being refused "
                    + "at once. Give the cache more capacity (" + description + ")");
        }
    }

    private long evictions() {
        if (statistics == null) {
            return 0;
        }
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            long read = ((Number) server.getAttribute(statistics, "CacheEvictions")).longValue();
            lastEvictions = read;
            return read;
        } catch (Exception unreadable) {
            return lastEvictions; // the last count read, not a reset to 0 that would hide evictions
        }
    }

    /** The evictions the JSR-107 statistics count (entry listeners do not see evictions); -1 when not visible. */
    @Override
    public long evictionCount() {
        return statistics == null ? -1 : evictions();
    }

    @Override
    public String kind() {
        return "jcache:" + cache.getName();
    }

    @Override
    public String toString() {
        return description + (statistics == null ? ", evictions not visible" : ", evictions watched");
    }
}
