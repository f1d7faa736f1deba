package dev.captchagate.trustcaptcha;

import java.util.Objects;

/**
 * Thrown by {@link Verification#orElseThrow()} and {@link TrustCaptchaVerifier#verificationResult(String)} when no
 * verification result could be obtained: the vendor's exceptions, told apart by {@link #failure()}.
 */
public class TrustCaptchaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final VerificationFailure failure;

    /**
     * Creates the exception.
     *
     * @param failure why there is no result
     * @param detail a log-safe description (never a token or key)
     */
    public TrustCaptchaException(VerificationFailure failure, String detail) {
        super(Objects.requireNonNull(failure, "failure").code() + ": " + detail);
        this.failure = failure;
    }

    /**
     * Why there is no result.
     *
     * @return the failure
     */
    public VerificationFailure failure() {
        return failure;
    }
}
