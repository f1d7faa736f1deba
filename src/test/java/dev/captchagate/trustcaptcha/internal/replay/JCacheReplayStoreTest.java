package dev.captchagate.trustcaptcha.internal.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.captchagate.trustcaptcha.replay.ReplayStore;
import dev.captchagate.trustcaptcha.testing.CapturedLog;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.management.CacheStatisticsMXBean;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The JCache store against a fake provider (a map behind the JCache interfaces) and a statistics MBean registered as
 * a provider registers it: the per-attempt claims, the expiry check, and the eviction warning.
 */
class JCacheReplayStoreTest {

    private static final String NAME = "replay-test-" + UUID.randomUUID();

    private final AtomicLong now = new AtomicLong(5);
    private final Map<Object, Object> entries = new ConcurrentHashMap<>();
    private final Statistics statistics = new Statistics();
    private MutableConfiguration<Object, Object> existing;
    private ObjectName registered;

    @AfterEach
    void unregister() throws Exception {
        if (registered != null) {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(registered);
        }
    }

    @Test
    void claimsWithTheAttemptAndReleasesOnlyItsOwnClaim() throws Exception {
        ReplayStore store = open(Duration.ofMinutes(15));
        UUID id = UUID.randomUUID();
        assertTrue(store.claim(id, 1));
        assertFalse(store.claim(id, 2));
        store.release(id, 2);
        assertEquals(1L, entries.get(id.toString()), "another attempt's release left the claim");
        store.release(id, 1);
        assertTrue(entries.isEmpty());
    }

    @Test
    void refusesAnExistingCacheWithAnotherExpiry() {
        existing = new MutableConfiguration<>().setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(
                new javax.cache.expiry.Duration(TimeUnit.MINUTES, 30)));
        CacheMismatch mismatch = assertThrows(CacheMismatch.class, () -> open(Duration.ofMinutes(15)));
        assertTrue(mismatch.getMessage().startsWith("the JCache '" + NAME + "' exists and keeps each entry for PT30M, "
                + "but trustcaptcha.replay.ttl is PT15M"), mismatch.getMessage());

        existing = new MutableConfiguration<>().setExpiryPolicyFactory(EternalExpiryPolicy.factoryOf());
        assertTrue(assertThrows(CacheMismatch.class, () -> open(Duration.ofMinutes(15))).getMessage()
                .contains("keeps each entry without a time limit"));
    }

    @Test
    void opensAnExistingCacheWithTheSameExpiry() throws Exception {
        existing = new MutableConfiguration<>().setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(
                new javax.cache.expiry.Duration(TimeUnit.SECONDS, 900)));
        assertTrue(open(Duration.ofMinutes(15)).toString().startsWith("JCache '" + NAME + "' (found, "));
    }

    @Test
    void warnsAtMostOnceAMinuteWhenIdsAreEvictedWithinTheirTimeToLive() throws Exception {
        ReplayStore store;
        List<LogRecord> records;
        try (CapturedLog log = CapturedLog.of(Logger.getLogger(JCacheReplayStore.class.getName()))) {
            store = open(Duration.ofMinutes(15));
            assertTrue(store.toString().endsWith("evictions watched"), store.toString());
            store.claim(UUID.randomUUID(), 1); // the first check: nothing evicted
            statistics.evictions = 7;
            store.claim(UUID.randomUUID(), 1);
            now.addAndGet(TimeUnit.SECONDS.toNanos(59));
            store.claim(UUID.randomUUID(), 1);
            assertTrue(log.records().stream().noneMatch(r -> r.getMessage().contains("evicted")),
                    "checked at most once a minute");
            now.addAndGet(TimeUnit.SECONDS.toNanos(1));
            store.claim(UUID.randomUUID(), 1);
            now.addAndGet(TimeUnit.MINUTES.toNanos(1));
            store.claim(UUID.randomUUID(), 1); // no new evictions: no second warning
            records = log.records().stream().filter(r -> r.getMessage().contains("evicted")).toList();
        }
        assertEquals(1, records.size());
        assertEquals(Level.WARNING, records.get(0).getLevel());
        assertTrue(records.get(0).getMessage().startsWith("TrustCaptcha: the replay cache evicted 7 ids within "
                + "trustcaptcha.replay.ttl (JSR-107 statistics)"), records.get(0).getMessage());
    }

    @Test
    void warnsWhenItCreatesTheCacheWithoutKnowingItsCapacity() throws Exception {
        try (CapturedLog log = CapturedLog.of(Logger.getLogger(JCacheReplayStore.class.getName()))) {
            assertTrue(open(Duration.ofMinutes(15)).toString().contains("(created, "));
            assertTrue(log.records().stream().anyMatch(r -> r.getLevel() == Level.WARNING
                    && r.getMessage().contains("was created with the provider's default capacity")));
        }
    }

    private JCacheReplayStore open(Duration ttl) throws Exception {
        if (registered == null) {
            registered = new ObjectName("javax.cache:type=CacheStatistics,CacheManager=test,Cache=" + NAME);
            ManagementFactory.getPlatformMBeanServer().registerMBean(statistics, registered);
        }
        return JCacheReplayStore.open(ttl, NAME, 250_000, manager(), now::get);
    }

    @SuppressWarnings("unchecked")
    private CacheManager manager() {
        Cache<Object, Object> cache = proxy(Cache.class, (method, args) -> switch (method) {
            case "putIfAbsent" -> entries.putIfAbsent(args[0], args[1]) == null;
            case "remove" -> entries.remove(args[0], args[1]);
            case "getConfiguration" -> existing;
            default -> throw new UnsupportedOperationException(method);
        });
        Object provider = proxy(javax.cache.spi.CachingProvider.class, (method, args) -> {
            throw new UnsupportedOperationException(method);
        });
        return proxy(CacheManager.class, (method, args) -> switch (method) {
            case "getCache" -> existing == null ? null : cache;
            case "createCache" -> cache;
            case "enableStatistics" -> null;
            case "getCachingProvider" -> provider;
            default -> throw new UnsupportedOperationException(method);
        });
    }

    /** A fake of one interface: each call answered by name. */
    private interface Answers {
        Object answer(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Answers answers) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> answers.answer(method.getName(), args));
    }

    /** The statistics a provider registers; only the evictions matter here. */
    public static final class Statistics implements CacheStatisticsMXBean {
        volatile long evictions;

        @Override
        public void clear() {
        }

        @Override
        public long getCacheHits() {
            return 0;
        }

        @Override
        public float getCacheHitPercentage() {
            return 0;
        }

        @Override
        public long getCacheMisses() {
            return 0;
        }

        @Override
        public float getCacheMissPercentage() {
            return 0;
        }

        @Override
        public long getCacheGets() {
            return 0;
        }

        @Override
        public long getCachePuts() {
            return 0;
        }

        @Override
        public long getCacheRemovals() {
            return 0;
        }

        @Override
        public long getCacheEvictions() {
            return evictions;
        }

        @Override
        public float getAverageGetTime() {
            return 0;
        }

        @Override
        public float getAveragePutTime() {
            return 0;
        }

        @Override
        public float getAverageRemoveTime() {
            return 0;
        }
    }
}
