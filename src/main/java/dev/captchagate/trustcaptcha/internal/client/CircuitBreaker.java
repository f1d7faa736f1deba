package dev.captchagate.trustcaptcha.internal.client;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Stops asking TrustCaptcha for a while when it is known to be unreachable, so that an outage costs each protected
 * request nothing instead of a full deadline, and frees no thread to pile up behind it. While it is open, and only
 * then, a fail-open policy lets well-formed tokens through.
 *
 * <p>It looks at the last {@value #WINDOW} calls: when at least {@value #MIN_CALLS} of them are known and half or more
 * of those found TrustCaptcha unreachable (refused, unknown host, timed out, 502/503/504), it does not open yet: it
 * first confirms the outage with a probe of its own (the result of a random verification id, which a healthy
 * TrustCaptcha answers with 404), so that no crafted flood of requests can open it. Only a probe that finds
 * TrustCaptcha unreachable opens it, for the breaker delay; a probe that gets any answer closes the window again.
 * After the delay one call is let through as the trial: only that call decides, closing the breaker when
 * TrustCaptcha answers and opening it for another delay when not. A call that started in an earlier state (before
 * the breaker opened, or during an earlier trial) decides nothing. Any answer from TrustCaptcha, good or bad (a
 * result, a 4xx, our key refused), counts as TrustCaptcha being there. A delay of zero switches the breaker off.
 */
final class CircuitBreaker {

    private static final Logger LOG = Logger.getLogger(CircuitBreaker.class.getName());

    /** How many recent calls the breaker looks at. */
    static final int WINDOW = 20;

    /** How many calls it needs to know before it may open. */
    static final int MIN_CALLS = 10;

    private enum State {
        CLOSED("closed"), CONFIRMING("confirming"), OPEN("open"), TRIAL("half-open");

        private final String label;

        State(String label) {
            this.label = label;
        }
    }

    /** The states as operators see them (health data, metric tags), in order. */
    static final java.util.List<String> STATES = java.util.Arrays.stream(State.values()).map(state -> state.label)
            .toList();

    /**
     * Permission for one call, in the breaker's state when it was given: the breaker counts a call's end only in
     * that same state, and only the trial's pass decides a half-open breaker.
     */
    static final class Pass {
        private final long epoch;
        private final boolean trial;

        private Pass(long epoch, boolean trial) {
            this.epoch = epoch;
            this.trial = trial;
        }

        /**
         * Whether this is the one trial call after the delay.
         *
         * @return {@code true} for the trial
         */
        boolean trial() {
            return trial;
        }
    }

    /** Confirms an outage with a call of its own; tells its finding, {@code true} for "unreachable", once. */
    @FunctionalInterface
    interface Probe {
        /**
         * Starts a probe.
         *
         * @param finding takes {@code true} when the probe found TrustCaptcha unreachable
         */
        void start(Consumer<Boolean> finding);
    }

    private final long delayNanos;
    private final long probeTimeoutNanos;
    private final LongSupplier clock;
    private final Probe probe;
    private final boolean[] failures = new boolean[WINDOW];
    private int next;
    private int known;
    private int failed;
    private State state = State.CLOSED;
    /** Changes with every change of state, so that a pass from an earlier state is told apart. */
    private long epoch;
    private Pass closedPass = new Pass(0, false);
    private long openUntil;
    private long confirmingSince;
    private long trialSince;
    private volatile Consumer<String> transitions = entered -> { };

    /**
     * A breaker.
     *
     * @param delay how long it stays open; zero switches it off
     * @param probeTimeout how long a probe (or a trial) may take to report: one that has not by then is inconclusive
     * @param clock nanoseconds, as {@link System#nanoTime()}
     * @param probe confirms an outage before the breaker opens
     */
    CircuitBreaker(Duration delay, Duration probeTimeout, LongSupplier clock, Probe probe) {
        this.delayNanos = delay.toNanos();
        this.probeTimeoutNanos = probeTimeout.toNanos();
        this.clock = clock;
        this.probe = probe;
    }

    /**
     * Whether a call may go to TrustCaptcha now.
     *
     * @return the pass for the call when closed (or confirming), or for the one trial call after the delay; null
     *     while open
     */
    synchronized Pass allow() {
        probeOverdue();
        if (delayNanos == 0 || state == State.CLOSED || state == State.CONFIRMING) {
            return closedPass;
        }
        if (state == State.OPEN && clock.getAsLong() - openUntil >= 0) {
            enter(State.TRIAL);
            trialSince = clock.getAsLong();
            return new Pass(epoch, true);
        }
        return null;
    }

    /**
     * Whether the breaker is open now (a trial in progress counts as open: TrustCaptcha is not known to be back).
     *
     * @return {@code true} when open
     */
    synchronized boolean isOpen() {
        probeOverdue();
        return state == State.OPEN || state == State.TRIAL;
    }

    /**
     * Whether a request would be refused now without a call: open and its delay not yet over, or the one trial call
     * in flight. Unlike {@link #isOpen}, false once the delay is over, so that the next request reaches
     * {@link #allow} and becomes the trial: a caller that refuses on this before asking for a pass can never keep
     * the breaker open for good.
     *
     * @return {@code true} while a call would get no pass
     */
    synchronized boolean refusesNow() {
        probeOverdue();
        return delayNanos != 0 && (state == State.TRIAL || state == State.OPEN && clock.getAsLong() - openUntil < 0);
    }

    /**
     * A probe that has not reported in time (a thread this busy JVM did not schedule, a server that drips its
     * headers) is inconclusive: the breaker stays closed with a fresh window, and a later probe may confirm. A trial
     * whose call never reported (its caller failed before it could) is offered again, so that the breaker cannot stay
     * half-open for good.
     */
    private void probeOverdue() {
        long now = clock.getAsLong();
        if (state == State.CONFIRMING && now - confirmingSince - probeTimeoutNanos >= 0) {
            confirmed(epoch, false, "its probe did not report within "
                    + Duration.ofNanos(probeTimeoutNanos).toMillis() + " ms");
        } else if (state == State.TRIAL && now - trialSince - probeTimeoutNanos >= 0) {
            reoffer(now);
        }
    }

    /**
     * Records how a call that was allowed ended.
     *
     * @param pass the pass the call was given
     * @param outage {@code true} when the call found TrustCaptcha unreachable
     */
    void record(Pass pass, boolean outage) {
        long confirming;
        synchronized (this) {
            if (delayNanos == 0 || pass.epoch != epoch) {
                return; // off, or a call from an earlier state: it says nothing about this one
            }
            if (state == State.TRIAL) {
                if (pass.trial) {
                    if (outage) {
                        open();
                    } else {
                        close("TrustCaptcha answers again: verifications resume");
                    }
                }
                return;
            }
            if (state != State.CLOSED) {
                return;
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
            if (known < MIN_CALLS || failed * 2 < known) {
                return;
            }
            LOG.warning("TrustCaptcha was unreachable for " + failed + " of the last " + known
                    + " calls: confirming with a probe before the circuit breaker opens");
            enter(State.CONFIRMING);
            confirmingSince = clock.getAsLong();
            confirming = epoch;
        }
        startProbe(confirming);
    }

    private void startProbe(long confirming) {
        try {
            probe.start(unreachable -> confirmed(confirming, unreachable,
                    unreachable ? "confirmed by a probe" : "a probe reached TrustCaptcha"));
        } catch (RuntimeException cannotProbe) {
            // No probe, no confirmation: stay closed, each call still fails closed on its own.
            confirmed(confirming, false, "no probe could start");
        }
    }

    private synchronized void confirmed(long confirming, boolean unreachable, String how) {
        if (state != State.CONFIRMING || epoch != confirming) {
            return;
        }
        if (unreachable) {
            LOG.warning("TrustCaptcha is unreachable (" + how + "): not asking it for "
                    + Duration.ofNanos(delayNanos).toMillis() + " ms; protected requests are decided as unavailable, "
                    + "or let through where the policy allows it (policy.allow-when-unreachable)");
            open();
        } else {
            close("TrustCaptcha: the failed calls were not confirmed as an outage (" + how
                    + "); the circuit breaker stays closed");
        }
    }

    /**
     * Forgets a call that was allowed but never made: a trial that did not happen is offered again.
     *
     * @param pass the pass the call was given
     */
    synchronized void abandon(Pass pass) {
        if (pass.trial && pass.epoch == epoch && state == State.TRIAL) {
            reoffer(clock.getAsLong());
        }
    }

    /**
     * Offers the trial again: open, with the delay over. Not a transition anyone is told of: no new outage, and no
     * trial was decided.
     */
    private void reoffer(long now) {
        enter(State.OPEN, false);
        openUntil = now;
    }

    private void open() {
        enter(State.OPEN);
        openUntil = clock.getAsLong() + delayNanos;
    }

    private void close(String why) {
        enter(State.CLOSED);
        next = 0;
        known = 0;
        failed = 0;
        LOG.info(why);
    }

    private void enter(State newState) {
        enter(newState, true);
    }

    private void enter(State newState, boolean tell) {
        state = newState;
        epoch++;
        if (newState == State.CLOSED || newState == State.CONFIRMING) {
            closedPass = new Pass(epoch, false);
        }
        if (tell) {
            transitions.accept(newState.label); // the listener never throws (MetricsRelay)
        }
    }

    /**
     * Tells a listener every state the breaker enters (one of {@link #STATES}), under the breaker's lock: it must
     * be quick and never call back.
     *
     * @param listener takes the state entered
     */
    void onTransition(Consumer<String> listener) {
        transitions = listener;
    }

    /**
     * The state now, as operators see it: {@code closed}, {@code confirming} (an outage being confirmed by a probe),
     * {@code open} (TrustCaptcha is known to be unreachable; once the delay is over, the next call will be the trial)
     * or {@code half-open} (the trial call is in flight). Always {@code closed} when switched off.
     *
     * @return one of {@link #STATES}
     */
    synchronized String state() {
        probeOverdue();
        return state.label;
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
