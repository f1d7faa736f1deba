package dev.captchagate.trustcaptcha.client;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Stops asking TrustCaptcha for a while when it keeps failing, so that an outage costs each protected request
 * nothing instead of a full deadline, and frees no thread to pile up behind it.
 *
 * <p>It looks at the last {@value #WINDOW} calls: when at least {@value #MIN_CALLS} of them are known and half or more
 * of those failed (unreachable, timed out, 5xx, unreadable), it opens for the breaker delay. Then one call is let
 * through as a trial: if it succeeds the breaker closes, if it fails it opens again for another delay. Answers from
 * TrustCaptcha, good or bad (a result, 4xx, our key refused), count as successes: TrustCaptcha is there. A delay of
 * zero switches the breaker off.
 */
final class CircuitBreaker {

    private static final Logger LOG = Logger.getLogger(CircuitBreaker.class.getName());

    /** How many recent calls the breaker looks at. */
    static final int WINDOW = 20;

    /** How many calls it needs to know before it may open. */
    static final int MIN_CALLS = 10;

    private enum State { CLOSED, OPEN, TRIAL }

    private final long delayNanos;
    private final LongSupplier clock;
    private final boolean[] failures = new boolean[WINDOW];
    private int next;
    private int known;
    private int failed;
    private State state = State.CLOSED;
    private long openUntil;

    /**
     * A breaker.
     *
     * @param delay how long it stays open; zero switches it off
     * @param clock nanoseconds, as {@link System#nanoTime()}
     */
    CircuitBreaker(Duration delay, LongSupplier clock) {
        this.delayNanos = delay.toNanos();
        this.clock = clock;
    }

    /**
     * Whether a call may go to TrustCaptcha now.
     *
     * @return {@code true} when closed, or for the one trial call after the delay
     */
    synchronized boolean allow() {
        if (delayNanos == 0 || state == State.CLOSED) {
            return true;
        }
        if (state == State.OPEN && clock.getAsLong() - openUntil >= 0) {
            state = State.TRIAL;
            return true;
        }
        return false;
    }

    /**
     * Records how a call that was allowed ended.
     *
     * @param outage {@code true} when TrustCaptcha could not be reached or gave no usable answer
     */
    synchronized void record(boolean outage) {
        if (delayNanos == 0) {
            return;
        }
        if (state == State.TRIAL) {
            if (outage) {
                open();
            } else {
                state = State.CLOSED;
                next = 0;
                known = 0;
                failed = 0;
                LOG.info("TrustCaptcha answers again: verifications resume");
            }
            return;
        }
        if (state == State.OPEN) {
            return; // a call that started before the breaker opened
        }
        if (known == WINDOW && failures[next]) {
            failed--;
        }
        failures[next] = outage;
        next = (next + 1) % WINDOW;
        known = Math.min(known + 1, WINDOW);
        if (outage) {
            failed++;
        }
        if (known >= MIN_CALLS && failed * 2 >= known) {
            LOG.warning("TrustCaptcha failed " + failed + " of the last " + known + " calls: not asking it for "
                    + Duration.ofNanos(delayNanos).toMillis() + " ms (protected requests are decided as unavailable)");
            open();
        }
    }

    /** Forgets a call that was allowed but never made: a trial that did not happen is offered again. */
    synchronized void abandon() {
        if (state == State.TRIAL) {
            state = State.OPEN;
            openUntil = clock.getAsLong();
        }
    }

    private void open() {
        state = State.OPEN;
        openUntil = clock.getAsLong() + delayNanos;
    }

    /**
     * How long until the next trial, for the log.
     *
     * @return the time left, zero when not open
     */
    synchronized Duration remaining() {
        return state == State.OPEN ? Duration.ofNanos(Math.max(0, openUntil - clock.getAsLong())) : Duration.ZERO;
    }
}
