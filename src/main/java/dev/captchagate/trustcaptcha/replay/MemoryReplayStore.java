package dev.captchagate.trustcaptcha.replay;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * A replay store in this JVM's memory: ids expire after the time to live, and the store holds at most a given
 * number; when full, the oldest claim is forgotten first (TrustCaptcha itself hands out each result once, so an id
 * forgotten early is still refused, as {@code retrieval-limit-reached}, at the cost of a call).
 *
 * <p>By default it remembers {@value #DEFAULT_CAPACITY} ids ({@code trustcaptcha.replay.capacity}): 15 minutes of
 * about 280 accepted verifications a second. Each id costs one object of 40 bytes, the map's entry of 40 bytes and
 * a table slot: 21.1 MiB for the default capacity, measured with the JDK's class histogram (the footprint test
 * holds it under 24 MiB).
 */
public final class MemoryReplayStore implements ReplayStore {

    /** The most ids remembered by default. */
    public static final int DEFAULT_CAPACITY = 250_000;

    private final long ttlNanos;
    private final int capacity;
    private final LongSupplier clock;
    /**
     * Claims in the order made, which is also the order they expire in (one time to live for all). A claim is its
     * own key: one object per id instead of a key, a value and a boxed expiry.
     */
    private final LinkedHashMap<Claim, Claim> claims = new LinkedHashMap<>();
    private long evictions;

    /**
     * A store with a time to live and a size bound.
     *
     * @param ttl how long an id is remembered
     * @param capacity the most ids remembered
     * @param clock nanoseconds, as {@link System#nanoTime()}
     */
    public MemoryReplayStore(Duration ttl, int capacity, LongSupplier clock) {
        if (ttl.isNegative() || ttl.isZero() || capacity < 1) {
            throw new IllegalArgumentException("ttl and capacity must be positive");
        }
        this.ttlNanos = ttl.toNanos();
        this.capacity = capacity;
        this.clock = clock;
    }

    @Override
    public synchronized boolean claim(UUID verificationId, long attempt) {
        long now = clock.getAsLong();
        expire(now);
        Claim claim = new Claim(verificationId, attempt, now + ttlNanos);
        if (claims.containsKey(claim)) {
            return false;
        }
        if (claims.size() >= capacity) {
            Iterator<Claim> oldest = claims.keySet().iterator();
            oldest.next();
            oldest.remove();
            evictions++;
        }
        claims.put(claim, claim);
        return true;
    }

    @Override
    public synchronized void release(UUID verificationId, long attempt) {
        Claim probe = new Claim(verificationId, attempt, 0);
        Claim held = claims.get(probe);
        if (held != null && held.attempt == Claim.digest(attempt)) {
            claims.remove(probe);
        }
    }

    /**
     * How many ids are remembered now.
     *
     * @return the count
     */
    public synchronized int size() {
        expire(clock.getAsLong());
        return claims.size();
    }

    private void expire(long now) {
        Iterator<Claim> oldest = claims.keySet().iterator();
        while (oldest.hasNext() && now - oldest.next().expiry >= 0) {
            oldest.remove();
        }
    }

    /**
     * How many ids were forgotten within their time to live because the store was full, since it was made: a
     * replayed token among them costs a call to TrustCaptcha instead of being refused at once.
     *
     * @return the count
     */
    public synchronized long evictions() {
        return evictions;
    }

    @Override
    public String toString() {
        return "in memory, at most " + capacity + " ids (trustcaptcha.replay.capacity), each for "
                + Duration.ofNanos(ttlNanos);
    }

    /**
     * One claimed id; equal by the id alone, and comparable, so that ids crafted to share a hash cost a tree's
     * lookup, not a list's. In one JVM a claim is never written late, so the attempt is kept as a 32-bit digest
     * (it only keeps a stale release from forgetting a newer claim of the same id).
     */
    private static final class Claim implements Comparable<Claim> {
        private final long high;
        private final long low;
        private final long expiry;
        private final int attempt;

        Claim(UUID id, long attempt, long expiry) {
            this.high = id.getMostSignificantBits();
            this.low = id.getLeastSignificantBits();
            this.attempt = digest(attempt);
            this.expiry = expiry;
        }

        static int digest(long attempt) {
            return (int) (attempt ^ (attempt >>> 32));
        }

        @Override
        public int compareTo(Claim other) {
            int byHigh = Long.compare(high, other.high);
            return byHigh != 0 ? byHigh : Long.compare(low, other.low);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Claim && ((Claim) other).high == high && ((Claim) other).low == low;
        }

        @Override
        public int hashCode() {
            long mixed = high ^ low;
            return (int) (mixed ^ (mixed >>> 32));
        }
    }
}
