package dev.captchagate.trustcaptcha;

import java.util.Objects;

/**
 * Thrown by {@link Verification#orElseThrow()} and {@link TrustCaptchaVerifier#verificationResult(String)} when no
 * verification result could be obtained: the vendor's exceptions, told apart by {@link #outcome()}.
 */
public class TrustCaptchaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why there is no result. */
    private final Outcome outcome;

    /**
     * Creates the exception.
     *
     * @param outcome why there is no result
     * @param detail a log-safe description (never a token or key)
     */
    public TrustCaptchaException(Outcome outcome, String detail) {
        super(Objects.requireNonNull(outcome, "outcome").code() + ": " + detail);
        this.outcome = outcome;
    }

    /**
     * Why there is no result.
     *
     * @return the outcome, e.g. {@link Outcome#VERIFICATION_EXPIRED} or {@link Outcome#UNAVAILABLE}
     */
    public Outcome outcome() {
        return outcome;
    }
}
