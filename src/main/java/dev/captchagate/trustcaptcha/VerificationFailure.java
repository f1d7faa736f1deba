package dev.captchagate.trustcaptcha;

/**
 * Why no verification result could be obtained for a token. The vendor's exception list, as one type.
 *
 * <p>Each failure has the stable problem {@link #code() code} the filter answers with. Three of them say the
 * fault is not the client's: {@link #API_KEY_INVALID} (our configuration), {@link #UNEXPECTED_RESPONSE} and
 * {@link #UNAVAILABLE} (TrustCaptcha); they share the code {@code verification-unavailable}, and only
 * {@link #UNAVAILABLE} counts as "TrustCaptcha cannot be reached" for a fail-open policy.
 */
public enum VerificationFailure {

    /** The token is not a verification token: too long, not Base64, not JSON, no {@code verificationId}. */
    TOKEN_INVALID("token-invalid"),

    /** 404: TrustCaptcha knows no verification with this id. */
    NOT_FOUND("verification-not-found"),

    /** 410: the result has expired and can no longer be fetched. */
    EXPIRED("verification-expired"),

    /** 423: the verification is not finished yet. */
    NOT_FINISHED("verification-not-finished"),

    /** 429: the result was already fetched as often as allowed (by default once): a replayed token. */
    RETRIEVAL_LIMIT_REACHED("retrieval-limit-reached"),

    /** 412: the token claims a client failover, but TrustCaptcha recorded no outage: solve again. */
    FAILOVER_REJECTED("failover-rejected"),

    /** 403: TrustCaptcha refused our API key. A configuration error on the server side, never the client's. */
    API_KEY_INVALID("verification-unavailable"),

    /** Any other status: a 3xx (redirects are never followed), another 4xx, a 1xx or a 2xx other than 200. */
    UNEXPECTED_RESPONSE("verification-unavailable"),

    /**
     * TrustCaptcha could not be reached or gave no usable answer: connection refused, timed out, DNS or TLS
     * failure, a 5xx, a body that is unreadable or too large, or no free slot to ask.
     */
    UNAVAILABLE("verification-unavailable");

    private final String code;

    VerificationFailure(String code) {
        this.code = code;
    }

    /**
     * The stable problem code of this failure, as in the filter's {@code application/problem+json} answers.
     *
     * @return the code, e.g. {@code verification-expired}
     */
    public String code() {
        return code;
    }

    /**
     * Whether the client can do something about it (solve the CAPTCHA again), as opposed to a failure on the
     * server's or TrustCaptcha's side.
     *
     * @return {@code true} for token and verification problems, {@code false} for the three unavailable kinds
     */
    public boolean isClientSide() {
        return this != API_KEY_INVALID && this != UNEXPECTED_RESPONSE && this != UNAVAILABLE;
    }
}
