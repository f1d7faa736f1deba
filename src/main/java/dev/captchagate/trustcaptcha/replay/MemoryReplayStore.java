package dev.captchagate.trustcaptcha.replay;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * A replay store in this JVM's memory: ids expire after the time to live, and the store holds at most a given
 * number; when full, the oldest claim is forgotten first (TrustCaptcha itself hands out each result once, so an id
 * forgotten early is still refused, as {@code retrieval-limit-reached}).
 */
public final class MemoryReplayStore implements ReplayStore {

    /** The most ids remembered by default: a few megabytes. */
    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier clock;
    /** Claims in the order made, which is also the order they expire in: one time to live for all. */
    private final LinkedHashMap<UUID, Long> expiries = new LinkedHashMap<>();

    /**
     * A store with a time to live and a size bound.
     *
     * @param ttl how long an id is remembered
     * @param maxEntries the most ids remembered
     * @param clock nanoseconds, as {@link System#nanoTime()}
     */
    public MemoryReplayStore(Duration ttl, int maxEntries, LongSupplier clock) {
        if (ttl.isNegative() || ttl.isZero() || maxEntries < 1) {
            throw new IllegalArgumentException("ttl and maxEntries must be positive");
        }
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    @Override
    public synchronized boolean claim(UUID verificationId) {
        long now = clock.getAsLong();
        expire(now);
        if (expiries.containsKey(verificationId)) {
            return false;
        }
        if (expiries.size() >= maxEntries) {
            Iterator<Map.Entry<UUID, Long>> oldest = expiries.entrySet().iterator();
            oldest.next();
            oldest.remove();
        }
        expiries.put(verificationId, now + ttlNanos);
        return true;
    }

    @Override
    public synchronized void release(UUID verificationId) {
        expiries.remove(verificationId);
    }

    /**
     * How many ids are remembered now.
     *
     * @return the count
     */
    public synchronized int size() {
        expire(clock.getAsLong());
        return expiries.size();
    }

    private void expire(long now) {
        Iterator<Long> expiry = expiries.values().iterator();
        while (expiry.hasNext() && now - expiry.next() >= 0) {
            expiry.remove();
        }
    }

    @Override
    public String toString() {
        return "in memory, at most " + maxEntries + " ids, each for " + Duration.ofNanos(ttlNanos);
    }
}
