package dev.captchagate.trustcaptcha.internal.client;

import java.util.ArrayDeque;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * An adaptive bound on the calls to TrustCaptcha in flight, in the manner of Netflix's concurrency-limits (its AIMD and
 * Vegas limits) and Envoy's adaptive-concurrency filter: every call in flight holds a request thread, so the bound is
 * what keeps a slow or hanging TrustCaptcha from taking all of them; but a fixed bound is also a ceiling on healthy
 * throughput (by Little's law, N calls in flight carry N / latency verifications a second). This one starts at the
 * upper bound (which leaves the server part of its request threads, so a burst at start-up is not refused) and
 * moves between a floor and that bound with what the calls show:
 * <ul>
 * <li>it grows by one for each answer that came about as fast as the fastest recent ones (at most
 * {@value #TOLERANCE} times the minimum latency plus {@value #SLACK_MILLIS} ms, or within
 * {@value #SLOW_FLOOR_MILLIS} ms: a call that short holds its thread for no time worth refusing anyone for, and a
 * busy CPU, not TrustCaptcha, is the likely cause), while at least half of it is in use: a limit that is not used
 * proves nothing;</li>
 * <li>it shrinks by {@value #SLOW_DECREASE_PERCENT} % when answers are slower than that while the calls in flight
 * fill at least {@value #BINDING_PERCENT} % of it, at most once every {@value #DECREASE_INTERVAL_MILLIS} ms (so by two
 * thirds in a second): TrustCaptcha, or the way to it, is slowing down while the limit is what lets calls in, and
 * more calls at once would only wait longer (a limit mostly unused admits no queue, and shrinking it would only
 * refuse a later burst); one pause of the JVM, which makes every call in flight late at once, costs one step;</li>
 * <li>it halves, at most once every {@value #DECREASE_INTERVAL_MILLIS} ms, when a call found TrustCaptcha unreachable
 * (a timeout, a refused connection) and when it finds calls still in flight {@value #STUCK_MULTIPLE} times the
 * minimum latency plus {@value #STUCK_SLACK_MILLIS} ms after they took their place
 * ({@value #STUCK_BEFORE_ANY_ANSWER_MILLIS} ms before any answer was seen): in a hang no call ends for seconds, and
 * the calls that do not end are the only signal there is.</li>
 * </ul>
 * The minimum latency is the fastest answer of the last one or two windows of {@value #WINDOW_MILLIS} ms that had
 * answers, so that it follows a lasting change of TrustCaptcha's latency within ten seconds instead of holding the
 * limit down for good. The floor is
 * {@value #FLOOR} (or the upper bound if lower): enough calls for the circuit breaker to see an outage within one
 * deadline. A call beyond the limit is refused at once: our own saturation, never a queue.
 *
 * <p>Thread-safe; every method is short and takes one lock.
 */
final class ConcurrencyLimit {

    /** The least the limit falls to: the calls the circuit breaker needs to judge an outage. */
    static final int FLOOR = CircuitBreaker.MIN_CALLS;

    /** An answer within this many times the minimum latency (plus the slack) counts as fast. */
    static final int TOLERANCE = 2;

    /** Latency that is always tolerated above the minimum: scheduling noise on a busy machine, not a slow API. */
    static final int SLACK_MILLIS = 20;

    /** An answer within this time is never slow. */
    static final int SLOW_FLOOR_MILLIS = 100;

    /** How much slow answers take off the limit, once an interval. */
    static final int SLOW_DECREASE_PERCENT = 10;

    /** Slow answers shrink the limit only while the calls in flight fill this much of it. */
    static final int BINDING_PERCENT = 90;

    /** The least time between two decreases for slow answers. */
    static final int DECREASE_INTERVAL_MILLIS = 100;

    /** A call in flight for this many times the minimum latency (plus the slack) counts as dropped. */
    static final int STUCK_MULTIPLE = 10;

    /** The slack of that rule. */
    static final int STUCK_SLACK_MILLIS = 1000;

    /** Before the first answer, a call in flight this long counts as dropped. */
    static final int STUCK_BEFORE_ANY_ANSWER_MILLIS = 2000;

    /** The window over which the minimum latency is taken (the current and the previous window count). */
    static final int WINDOW_MILLIS = 5000;

    /** How a call ended, for the limit. */
    enum End {
        /** TrustCaptcha answered (any answer): its latency is a sample. */
        ANSWERED,
        /** TrustCaptcha was unreachable: the limit halves. */
        DROPPED,
        /** Nothing about TrustCaptcha (never made, or a fault on our side): no sample. */
        IGNORED
    }

    /** A call in flight: its start, and whether it has been counted as dropped already. */
    static final class Call {
        private final long started;
        private long calling;
        private boolean ended;
        private boolean counted;

        private Call(long started) {
            this.started = started;
            this.calling = started;
        }
    }

    private final int floor;
    private final LongSupplier clock;
    private int upper;
    private double limit;
    private int inFlight;
    /** The calls in flight not yet counted as dropped, oldest first (ended ones leave when they reach the head). */
    private final ArrayDeque<Call> young = new ArrayDeque<>();
    private long minimum = Long.MAX_VALUE;
    private long windowMinimum = Long.MAX_VALUE;
    private long previousWindowMinimum = Long.MAX_VALUE;
    private long windowStart;
    private long lastDecrease;
    private long lastHalving;
    private long refused;

    /**
     * A limit.
     *
     * @param upper the upper bound, at least 1
     * @param clock nanoseconds, as {@link System#nanoTime()}
     */
    ConcurrencyLimit(int upper, LongSupplier clock) {
        if (upper < 1) {
            throw new IllegalArgumentException("upper bound " + upper);
        }
        this.clock = clock;
        this.upper = upper;
        this.floor = Math.min(FLOOR, upper);
        this.limit = upper;
        this.windowStart = clock.getAsLong();
        this.lastDecrease = windowStart - DECREASE_INTERVAL_MILLIS * 1_000_000L;
        this.lastHalving = lastDecrease;
    }

    /**
     * Takes a place for one call, or none when the calls in flight have reached the limit.
     *
     * @return the call, to {@link #end} exactly once; empty when refused
     */
    synchronized Optional<Call> tryAcquire() {
        long now = clock.getAsLong();
        countStuck(now);
        if (inFlight >= (int) limit) {
            refused++;
            return Optional.empty();
        }
        inFlight++;
        Call call = new Call(now);
        young.addLast(call);
        return Optional.of(call);
    }

    /**
     * Whether a call would be refused now; takes nothing.
     *
     * @return {@code true} when the calls in flight have reached the limit
     */
    synchronized boolean full() {
        countStuck(clock.getAsLong());
        return inFlight >= (int) limit;
    }

    /**
     * Refuses a request now, without taking a place, when the calls in flight have reached the limit (the filter asks
     * before it reads a body); counted like a refusal of {@link #tryAcquire}.
     *
     * @return the limit that refused, or -1 when a call may go out now
     */
    synchronized int refuseIfFull() {
        if (!full()) {
            return -1;
        }
        refused++;
        return (int) limit;
    }

    /**
     * Marks when the call itself starts (after the replay claim and the hand-over to a worker): its latency is
     * measured from here, so that a slow replay store or a busy pool is not taken for a slow TrustCaptcha. A call in
     * flight still counts as stuck from when it took its place, because it holds a thread from then.
     *
     * @param call the call
     */
    synchronized void calling(Call call) {
        call.calling = clock.getAsLong();
    }

    /**
     * Gives a call's place back and learns from how it ended.
     *
     * @param call the call, from {@link #tryAcquire}
     * @param end how it ended
     */
    synchronized void end(Call call, End end) {
        if (call.ended) {
            throw new IllegalStateException("the call has ended already");
        }
        call.ended = true;
        inFlight--;
        long now = clock.getAsLong();
        if (end == End.DROPPED) {
            drop(); // also for a call found stuck before: a timeout confirms what the stuck call suggested
        } else if (end == End.ANSWERED) {
            answered(now - call.calling, now);
        }
        countStuck(now);
    }

    private void answered(long latency, long now) {
        if (now - windowStart >= WINDOW_MILLIS * 1_000_000L) {
            if (windowMinimum != Long.MAX_VALUE) {
                previousWindowMinimum = windowMinimum; // a window without answers says nothing new
            }
            windowMinimum = Long.MAX_VALUE;
            windowStart = now;
        }
        windowMinimum = Math.min(windowMinimum, latency);
        minimum = Math.min(windowMinimum, previousWindowMinimum);
        if (latency > Math.max(TOLERANCE * minimum + SLACK_MILLIS * 1_000_000L, SLOW_FLOOR_MILLIS * 1_000_000L)) {
            if (100 * (inFlight + 1) >= BINDING_PERCENT * limit
                    && now - lastDecrease >= DECREASE_INTERVAL_MILLIS * 1_000_000L) {
                lastDecrease = now;
                limit = Math.max(floor, limit * (100 - SLOW_DECREASE_PERCENT) / 100);
            }
        } else if (2 * (inFlight + 1) >= (int) limit) {
            limit = Math.min(upper, limit + 1);
        }
    }

    /** Halves the limit, at most once an interval: outages that end together (a hang's timeouts) are one signal. */
    private void drop() {
        long now = clock.getAsLong();
        if (now - lastHalving >= DECREASE_INTERVAL_MILLIS * 1_000_000L) {
            lastHalving = now;
            limit = Math.max(floor, limit / 2);
        }
    }

    /** Counts the calls in flight for too long as dropped, each once, and halves the limit once if there are any. */
    private void countStuck(long now) {
        long stuckAfter = minimum == Long.MAX_VALUE ? STUCK_BEFORE_ANY_ANSWER_MILLIS * 1_000_000L
                : STUCK_MULTIPLE * minimum + STUCK_SLACK_MILLIS * 1_000_000L;
        boolean stuck = false;
        for (Call oldest = young.peekFirst(); oldest != null; oldest = young.peekFirst()) {
            if (!oldest.ended && now - oldest.started < stuckAfter) {
                break;
            }
            young.pollFirst();
            if (!oldest.ended && !oldest.counted) {
                oldest.counted = true;
                stuck = true;
            }
        }
        if (stuck) {
            drop();
        }
    }

    /**
     * Changes the upper bound (the server became known after the client started): a limit at the old bound (where it
     * starts) moves to the new one; any other stays, within the new bound.
     *
     * @param newUpper the new upper bound, at least {@link #floor()}
     */
    synchronized void upper(int newUpper) {
        if (newUpper < floor) {
            throw new IllegalArgumentException("upper bound " + newUpper + " below the floor " + floor);
        }
        limit = limit >= upper ? newUpper : Math.min(limit, newUpper);
        upper = newUpper;
    }

    /** A consistent view of the limit, for logs. */
    record Snapshot(int limit, int floor, int upper, int inFlight, long minimumMicros, long refused) {

        @Override
        public String toString() {
            return limit + " (between " + floor + " and " + upper + "; " + inFlight + " in flight, minimum latency "
                    + (minimumMicros < 0 ? "not seen yet" : minimumMicros / 1000 + "." + minimumMicros % 1000 / 100
                    + " ms") + ", " + refused + " refused for it since start)";
        }
    }

    /**
     * The limit now.
     *
     * @return its value, bounds, calls in flight, minimum latency and refusals so far
     */
    synchronized Snapshot snapshot() {
        return new Snapshot((int) limit, floor, upper, inFlight, minimum == Long.MAX_VALUE ? -1 : minimum / 1000,
                refused);
    }

    /**
     * The floor.
     *
     * @return the least the limit falls to
     */
    int floor() {
        return floor;
    }
}
