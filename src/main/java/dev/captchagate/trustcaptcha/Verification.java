package dev.captchagate.trustcaptcha;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What asking TrustCaptcha about one token gave: the verification result, or the reason there is none.
 *
 * <p>Immutable. A result says what TrustCaptcha found ({@code verificationPassed}, {@code score}); whether that
 * is good enough is the policy's call. Two ways to read it:
 * <pre>{@code
 * Verification verification = verifier.verify(token);
 * if (verification.failure().isPresent()) { ... verification.failure().get().code() ... }
 * VerificationResult result = verification.orElseThrow(); // or: throws TrustCaptchaException
 * }</pre>
 */
public final class Verification {

    /** Outcomes decided by the filter or the policy, never by asking TrustCaptcha. */
    private static final Set<Outcome> NOT_A_FAILURE = EnumSet.of(Outcome.ACCEPTED, Outcome.ACCEPTED_UNVERIFIED,
            Outcome.BODY_TOO_LARGE, Outcome.TOKEN_MISSING, Outcome.TOKEN_REPLAYED, Outcome.VERIFICATION_FAILED,
            Outcome.SCORE_TOO_HIGH, Outcome.ORIGIN_NOT_ALLOWED, Outcome.GATEWAY_FAILOVER_REJECTED);

    private final VerificationResult result;
    private final Outcome failure;
    private final String detail;

    private Verification(VerificationResult result, Outcome failure, String detail) {
        this.result = result;
        this.failure = failure;
        this.detail = detail;
    }

    /**
     * A verification that produced a result.
     *
     * @param result the result TrustCaptcha handed out
     * @return the verification
     */
    public static Verification of(VerificationResult result) {
        return new Verification(Objects.requireNonNull(result, "result"), null, "result received");
    }

    /**
     * A verification that produced no result.
     *
     * @param failure why: {@link Outcome#TOKEN_INVALID}, one of TrustCaptcha's answers from
     *     {@link Outcome#VERIFICATION_NOT_FOUND} to {@link Outcome#FAILOVER_REJECTED}, or one of the outcomes answered
     *     with {@code verification-unavailable}
     * @param detail a short log-safe description, e.g. {@code HTTP 503} or {@code connection refused}; it must
     *     never contain a token or a key
     * @return the verification
     */
    public static Verification failed(Outcome failure, String detail) {
        if (NOT_A_FAILURE.contains(Objects.requireNonNull(failure, "failure"))) {
            throw new IllegalArgumentException(failure + " is not why a verification has no result");
        }
        return new Verification(null, failure, Objects.requireNonNull(detail, "detail"));
    }

    /**
     * The result, when TrustCaptcha handed one out.
     *
     * @return the result, or empty when the verification failed
     */
    public Optional<VerificationResult> result() {
        return Optional.ofNullable(result);
    }

    /**
     * Why there is no result.
     *
     * @return the failure, or empty when there is a result
     */
    public Optional<Outcome> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * A short description for logs: what happened on the wire ({@code HTTP 404}, {@code read timed out}, ...).
     * Never contains a token or a key.
     *
     * @return the description
     */
    public String detail() {
        return detail;
    }

    /**
     * The result, or an exception telling why there is none: the vendor libraries' style.
     *
     * @return the result
     * @throws TrustCaptchaException when there is no result
     */
    public VerificationResult orElseThrow() {
        if (result == null) {
            throw new TrustCaptchaException(failure, detail);
        }
        return result;
    }

    @Override
    public String toString() {
        return result != null ? "Verification[" + result + "]" : "Verification[" + failure.code() + ": " + detail + "]";
    }
}
