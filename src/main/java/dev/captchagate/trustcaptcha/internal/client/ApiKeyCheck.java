package dev.captchagate.trustcaptcha.internal.client;

import dev.captchagate.trustcaptcha.Outcome;
import dev.captchagate.trustcaptcha.Verification;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * What TrustCaptcha says of the API key. Shortly after the application starts, and never on its thread, it asks once
 * for the result of a random verification id: TrustCaptcha answers 404 when the key is accepted and 403 when it is
 * refused, and a random id consumes no real verification. Unreachable, or an answer that says neither, is retried with
 * back-off (1 s, doubling, at most a minute apart) until TrustCaptcha answers. Ordinary calls tell too: a result or
 * an answer about the verification means accepted; a 403 makes the check ask again (at most every 30 s), so that a
 * key revoked later shows, and no request from outside can make the key look refused.
 *
 * <p>A refused key is a SEVERE line with the key's masked form; the state is reported as data by the readiness check
 * and never makes it DOWN (a third party's answer must not get instances restarted or pulled out of rotation).
 */
final class ApiKeyCheck {

    private static final Logger LOG = Logger.getLogger(ApiKeyCheck.class.getName());

    /** The first retry's delay. */
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    /** The longest delay between two tries. */
    static final Duration LONGEST_RETRY = Duration.ofMinutes(1);

    /** What is known of the key. */
    enum State {
        /** Not asked yet, or the first question not answered yet. */
        NOT_CHECKED("not-checked"),
        /** TrustCaptcha accepted it (404 for a random id; a result, or 404, 410 or 423 for a real verification). */
        ACCEPTED("accepted"),
        /** TrustCaptcha refused it (403 for a random id). */
        REFUSED("refused"),
        /** TrustCaptcha could not be reached to ask; asking again. */
        UNREACHABLE("unreachable"),
        /** TrustCaptcha answered something that says neither; asking again. */
        UNEXPECTED("unexpected-answer"),
        /** The check is switched off ({@code trustcaptcha.startup-check.enabled=false}) and no call told yet. */
        OFF("check-off");

        private final String label;

        State(String label) {
            this.label = label;
        }

        /**
         * The state as the readiness check reports it.
         *
         * @return e.g. {@code accepted}
         */
        String label() {
            return label;
        }
    }

    /**
     * The state, and when it was learned.
     *
     * @param state the state
     * @param at when it was learned; null while not checked
     */
    record Status(State state, Instant at) {
    }

    /** Runs a task later, on a thread of its own (never the caller's). */
    @FunctionalInterface
    interface Scheduler {
        /**
         * Runs a task after a delay.
         *
         * @param task the task
         * @param delay the delay
         */
        void schedule(Runnable task, Duration delay);
    }

    /** The least time, in seconds, between two re-checks that ordinary calls answered 403 ask for. */
    static final long RECHECK_SECONDS = 30;

    /** The same, as a duration. */
    static final Duration RECHECK_INTERVAL = Duration.ofSeconds(RECHECK_SECONDS);

    private final String maskedKey;
    private final Supplier<Verification> ask;
    private final Scheduler scheduler;
    private final Clock clock;
    private volatile Status status;
    /** Whether an ask is scheduled or running: one at a time. */
    private final AtomicBoolean asking = new AtomicBoolean();
    private Duration nextDelay = FIRST_RETRY;
    private Instant lastAsked;

    /**
     * A check.
     *
     * @param maskedKey the key's masked form, for the log
     * @param ask asks TrustCaptcha for the result of a random verification id; never throws
     * @param scheduler runs the asks
     * @param clock the wall clock, for the time a state was learned
     * @param enabled whether to ask at start; when not, the state stays {@code check-off} until a call tells
     */
    ApiKeyCheck(String maskedKey, Supplier<Verification> ask, Scheduler scheduler, Clock clock, boolean enabled) {
        this.maskedKey = maskedKey;
        this.ask = ask;
        this.scheduler = scheduler;
        this.clock = clock;
        this.status = new Status(enabled ? State.NOT_CHECKED : State.OFF, null);
    }

    /** Asks for the first time, at once, on the scheduler's thread. Does nothing when switched off. */
    void start() {
        if (status.state() == State.NOT_CHECKED && asking.compareAndSet(false, true)) {
            schedule(Duration.ZERO);
        }
    }

    private void schedule(Duration delay) {
        try {
            scheduler.schedule(this::askNow, delay);
        } catch (RuntimeException stopped) {
            asking.set(false); // the application is stopping (a shut-down executor rejects): nothing to ask for
        }
    }

    private void askNow() {
        Verification answer;
        try {
            answer = ask.get();
        } catch (RuntimeException failed) {
            answer = Verification.failed(Outcome.INTERNAL_ERROR, "the check failed (" + failed.getClass().getName()
                    + ")");
        }
        State learned = answerToRandomId(answer);
        synchronized (this) {
            lastAsked = clock.instant();
            State known = status.state();
            if (learned == State.ACCEPTED || learned == State.REFUSED) {
                asking.set(false);
                if (learned != known) {
                    learn(learned);
                }
                return;
            }
            if (known == State.ACCEPTED || known == State.REFUSED) {
                asking.set(false); // what ordinary calls told stands: no answer now says otherwise
                return;
            }
            status = new Status(learned, clock.instant());
            Duration delay = nextDelay;
            nextDelay = nextDelay.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY
                    : nextDelay.multipliedBy(2);
            if (learned != known) { // once per kind of trouble, not once per try
                LOG.warning("TrustCaptcha: the API key could not be checked (" + learned.label() + ": "
                        + answer.detail() + "); asking again in " + delay.toMillis() + " ms");
            }
            schedule(delay);
        }
    }

    /**
     * What an ordinary call says of the key. A result, or 404, 410 or 423 for its verification, means accepted: the
     * key is checked before the verification. A 403 is asked again, with a random id, by the check itself (at most
     * every {@value #RECHECK_SECONDS} s), so that requests from outside cannot make the key look refused, nor fill
     * the log; only the check's own 403 says refused. Anything else says nothing.
     *
     * @param call how the call ended
     */
    void told(Verification call) {
        Outcome failure = call.failure().orElse(null);
        if (failure == null || failure == Outcome.VERIFICATION_NOT_FOUND || failure == Outcome.VERIFICATION_EXPIRED
                || failure == Outcome.VERIFICATION_NOT_FINISHED) {
            if (status.state() != State.ACCEPTED) {
                synchronized (this) {
                    if (status.state() != State.ACCEPTED) {
                        learn(State.ACCEPTED);
                    }
                }
            }
        } else if (failure == Outcome.API_KEY_INVALID) {
            recheck();
        }
    }

    private void recheck() {
        synchronized (this) {
            if (lastAsked != null && Duration.between(lastAsked, clock.instant()).compareTo(RECHECK_INTERVAL) < 0) {
                return;
            }
            if (!asking.compareAndSet(false, true)) {
                return;
            }
            lastAsked = clock.instant(); // a re-check asked for now counts as asked
        }
        schedule(Duration.ZERO);
    }

    private void learn(State learned) {
        State before = status.state();
        status = new Status(learned, clock.instant());
        if (learned == State.REFUSED) {
            LOG.severe("TrustCaptcha refuses the API key " + maskedKey + " (403): every verification fails until "
                    + "trustcaptcha.api-key holds a key of this site");
        } else if (before == State.REFUSED) {
            LOG.info("TrustCaptcha accepts the API key " + maskedKey + " again");
        } else if (before == State.NOT_CHECKED || before == State.UNREACHABLE || before == State.UNEXPECTED) {
            LOG.info("TrustCaptcha accepts the API key " + maskedKey);
        }
    }

    /**
     * What is known of the key now.
     *
     * @return the state and when it was learned
     */
    Status status() {
        return status;
    }

    /**
     * What TrustCaptcha's answer to a random id says: 404 accepted, 403 refused (the contract); unreachable when it
     * could not be asked; anything else (a result or a 410 for an id nobody made) says neither.
     */
    private static State answerToRandomId(Verification answer) {
        Outcome failure = answer.failure().orElse(null);
        if (failure == Outcome.VERIFICATION_NOT_FOUND) {
            return State.ACCEPTED;
        }
        if (failure == Outcome.API_KEY_INVALID) {
            return State.REFUSED;
        }
        if (failure == Outcome.UNAVAILABLE || failure == Outcome.TLS_FAILURE || failure == Outcome.CIRCUIT_OPEN
                || failure == Outcome.OVERLOADED) {
            return State.UNREACHABLE;
        }
        return State.UNEXPECTED;
    }
}
