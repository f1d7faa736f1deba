package dev.captchagate.trustcaptcha;

import java.util.Objects;
import java.util.Optional;

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

    private final VerificationResult result;
    private final VerificationFailure failure;
    private final String detail;

    private Verification(VerificationResult result, VerificationFailure failure, String detail) {
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
     * @param failure why
     * @param detail a short log-safe description, e.g. {@code HTTP 503} or {@code connection refused}; it must
     *     never contain a token or a key
     * @return the verification
     */
    public static Verification failed(VerificationFailure failure, String detail) {
        return new Verification(null, Objects.requireNonNull(failure, "failure"), Objects.requireNonNull(detail));
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
    public Optional<VerificationFailure> failure() {
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
