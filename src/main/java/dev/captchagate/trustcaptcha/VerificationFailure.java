package dev.captchagate.trustcaptcha;

/**
 * Why no verification result could be obtained for a token. The vendor's exception list, as one type.
 *
 * <p>Each failure has the stable problem {@link #code() code} the filter answers with. The ones that are not
 * the client's fault ({@link #isClientSide()} false) share the code {@code verification-unavailable}. Only
 * {@link #UNAVAILABLE} counts towards opening the circuit breaker, and only {@link #CIRCUIT_OPEN} (TrustCaptcha
 * known to be unreachable) is let through by a fail-open policy: no request fails open because its own call
 * failed.
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

    /**
     * TrustCaptcha answered something the contract does not allow: a 3xx (redirects are never followed), another
     * 4xx, a 1xx, a 2xx other than 200, a 500 or another 5xx that is not a gateway's, or a 200 whose body is not a
     * valid result (not JSON, oversized, a score outside 0..1, an id that is not a UUID). Never counted as an
     * outage, never let through by a fail-open policy: an API change must not open protected endpoints.
     */
    UNEXPECTED_RESPONSE("verification-unavailable"),

    /**
     * This call could not reach TrustCaptcha: connection refused, unknown host, no route, connect or read timeout,
     * the call's deadline, or a 502, 503 or 504 from a gateway in front of it. The request is refused; enough such
     * calls in the breaker's window open the circuit breaker (see {@link #CIRCUIT_OPEN}).
     */
    UNAVAILABLE("verification-unavailable"),

    /**
     * TrustCaptcha was not asked, because it is known to be unreachable: the circuit breaker is open after a
     * sustained outage. The only failure that a fail-open policy ({@code policy.allow-when-unreachable}) lets
     * through.
     */
    CIRCUIT_OPEN("verification-unavailable"),

    /**
     * TrustCaptcha was not asked, because every slot for calls in flight is busy
     * ({@code resilience.max-concurrent}): our own saturation, which says nothing about TrustCaptcha and is never
     * let through.
     */
    OVERLOADED("verification-unavailable"),

    /**
     * The TLS handshake with the API host failed: a broken trust store, or someone in the middle. Not an outage:
     * never counted by the breaker, never let through.
     */
    TLS_FAILURE("verification-unavailable"),

    /**
     * A failure on our side, or one that cannot be classified: an unexpected exception, a stopped pool (the
     * application is shutting down), a failing replay store. Never counted as an outage, never let through.
     */
    INTERNAL_ERROR("verification-unavailable");

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
     * @return {@code true} for token and verification problems, {@code false} for the kinds answered with
     *     {@code verification-unavailable}
     */
    public boolean isClientSide() {
        return !code.equals("verification-unavailable");
    }
}
