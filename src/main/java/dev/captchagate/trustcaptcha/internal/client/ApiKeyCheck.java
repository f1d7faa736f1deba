package dev.captchagate.trustcaptcha.internal.client;

import dev.captchagate.trustcaptcha.Outcome;
import dev.captchagate.trustcaptcha.Verification;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * What TrustCaptcha says of the API key. Shortly after the application starts, and never on its thread, it asks once
 * for the result of a random verification id: TrustCaptcha answers 404 when the key is accepted and 403 when it is
 * refused, and a random id consumes no real verification. Unreachable, or an answer that says neither, is retried with
 * back-off (1 s, doubling, at most a minute apart) until TrustCaptcha answers. Every ordinary call tells the same
 * (a result or a 4xx about the token: accepted; 403: refused), so the state follows a key revoked later.
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
        /** TrustCaptcha accepted it (404 for a random id, or any answer about a token). */
        ACCEPTED("accepted"),
        /** TrustCaptcha refused it (403). */
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

    private final String maskedKey;
    private final Supplier<Verification> ask;
    private final Scheduler scheduler;
    private final Clock clock;
    private volatile Status status;
    private Duration nextDelay = FIRST_RETRY;

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
        if (status.state() == State.NOT_CHECKED) {
            scheduler.schedule(this::askNow, Duration.ZERO);
        }
    }

    private void askNow() {
        Verification answer;
        try {
            answer = ask.get();
        } catch (RuntimeException failed) {
            answer = Verification.failed(Outcome.INTERNAL_ERROR, "the check failed");
        }
        State learned = stateOf(answer);
        synchronized (this) {
            State known = status.state();
            if (known == State.ACCEPTED || known == State.REFUSED) {
                return; // an ordinary call has told already
            }
            if (learned == State.ACCEPTED || learned == State.REFUSED) {
                learn(learned);
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
            scheduler.schedule(this::askNow, delay);
        }
    }

    /**
     * What an ordinary call says of the key: a result or an answer about the token means accepted, 403 refused;
     * anything else says nothing.
     *
     * @param call how the call ended
     */
    void told(Verification call) {
        State learned = stateOf(call);
        if (learned != State.ACCEPTED && learned != State.REFUSED || status.state() == learned) {
            return;
        }
        synchronized (this) {
            if (status.state() != learned) {
                learn(learned);
            }
        }
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

    private static State stateOf(Verification answer) {
        Outcome failure = answer.failure().orElse(null);
        if (failure == null) {
            return State.ACCEPTED;
        }
        switch (failure) {
            case VERIFICATION_NOT_FOUND:
            case VERIFICATION_EXPIRED:
            case VERIFICATION_NOT_FINISHED:
            case RETRIEVAL_LIMIT_REACHED:
            case FAILOVER_REJECTED:
                return State.ACCEPTED;
            case API_KEY_INVALID:
                return State.REFUSED;
            case UNAVAILABLE:
            case TLS_FAILURE:
            case CIRCUIT_OPEN:
            case OVERLOADED:
                return State.UNREACHABLE;
            default:
                return State.UNEXPECTED;
        }
    }
}
