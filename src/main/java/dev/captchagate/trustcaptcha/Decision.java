package dev.captchagate.trustcaptcha;

import java.util.Objects;
import java.util.Optional;

/**
 * The decision about one protected request: one immutable value that the filter acts on, logs, publishes as the
 * request attribute {@value #ATTRIBUTE} (and through {@link CurrentVerification}) and sends with its
 * {@link DecisionEvent}. In monitor mode a refusal is decided and published but not {@link #enforced()}.
 */
public final class Decision {

    /** The request attribute that holds the decision. */
    public static final String ATTRIBUTE = "trustcaptcha.decision";

    private final Outcome outcome;
    private final VerificationResult result;
    private final String detail;
    private final boolean enforced;

    private Decision(Outcome outcome, VerificationResult result, String detail, boolean enforced) {
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.result = result;
        this.detail = Objects.requireNonNull(detail, "detail");
        this.enforced = enforced;
    }

    /**
     * An acceptance on a verification result.
     *
     * @param result the result
     * @return the decision
     */
    public static Decision accepted(VerificationResult result) {
        return new Decision(Outcome.ACCEPTED, Objects.requireNonNull(result, "result"), "accepted", true);
    }

    /**
     * An acceptance without a result, because TrustCaptcha is known to be unreachable and the policy allows it.
     *
     * @param verification the verification that found the circuit breaker open
     * @return the decision
     */
    public static Decision acceptedUnverified(Verification verification) {
        if (verification.failure().orElse(null) != Outcome.CIRCUIT_OPEN) {
            throw new IllegalArgumentException("only an open circuit breaker lets a request through unverified");
        }
        return new Decision(Outcome.ACCEPTED_UNVERIFIED, null, verification.detail(), true);
    }

    /**
     * A refusal.
     *
     * @param outcome why, not an acceptance
     * @param result the result it was decided on, when there is one
     * @param detail a short log-safe description (never a token or key)
     * @return the decision
     */
    public static Decision refused(Outcome outcome, VerificationResult result, String detail) {
        if (outcome.accepts()) {
            throw new IllegalArgumentException(outcome + " is not a refusal");
        }
        return new Decision(outcome, result, detail, true);
    }

    /**
     * A refusal because TrustCaptcha gave no result.
     *
     * @param verification the verification that failed
     * @return the decision, with the failure's outcome
     */
    public static Decision refused(Verification verification) {
        Outcome failure = verification.failure()
                .orElseThrow(() -> new IllegalArgumentException("the verification has a result"));
        return new Decision(failure, null, verification.detail(), true);
    }

    /**
     * The same decision, made in monitor mode: published and logged, but not acted on.
     *
     * @return the decision, not enforced
     */
    public Decision unenforced() {
        return new Decision(outcome, result, detail, false);
    }

    /**
     * This decision with its result {@linkplain VerificationResult#withoutPersonalData() without personal data}.
     *
     * @return the decision, the same one when it has no result
     */
    public Decision withoutPersonalData() {
        return result == null ? this : new Decision(outcome, result.withoutPersonalData(), detail, enforced);
    }

    /**
     * Whether the request may go on by this decision.
     *
     * @return {@code true} for an acceptance (with or without a result)
     */
    public boolean accepted() {
        return outcome.accepts();
    }

    /**
     * Whether the decision was acted on: always for an acceptance; {@code false} for a refusal made in monitor
     * mode, which let the request through.
     *
     * @return whether enforced
     */
    public boolean enforced() {
        return enforced;
    }

    /**
     * What was decided. When TrustCaptcha gave no answer, the outcome tells why: an outage
     * ({@link Outcome#UNAVAILABLE}), a refused API key, an unexpected answer, ..., all with the code
     * {@code verification-unavailable}.
     *
     * @return the outcome
     */
    public Outcome outcome() {
        return outcome;
    }

    /**
     * The stable code of the outcome.
     *
     * @return e.g. {@code accepted}, {@code token-missing}
     */
    public String code() {
        return outcome.code();
    }

    /**
     * The verification result the decision was made on.
     *
     * @return the result, or empty when there was none (no token, TrustCaptcha unreachable, ...)
     */
    public Optional<VerificationResult> result() {
        return Optional.ofNullable(result);
    }

    /**
     * A short description for logs, never containing a token or key.
     *
     * @return the description
     */
    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return "Decision[" + code() + (enforced ? "" : " (not enforced)") + ": " + detail
                + (result == null ? "" : ", " + result) + "]";
    }
}
