package dev.captchagate.trustcaptcha;

/**
 * Every way a protected request or a verification can end: the one vocabulary of the library. Each outcome carries
 * its stable problem {@link #code() code}, the {@link #status() kind of HTTP status} a refusal gets, and the
 * {@link #title() title} and {@link #detail() detail} of the {@code application/problem+json} answer.
 *
 * <p>Three statuses: the configured reject status (403 by default) for what the client can fix by solving the
 * CAPTCHA again, 413 for an oversized body, and 503 when TrustCaptcha gave no answer. The 503 outcomes share the code
 * {@code verification-unavailable}: a client cannot act on the difference, an operator can, so each keeps its own
 * constant. Only {@link #UNAVAILABLE} counts towards opening the circuit breaker, and only {@link #CIRCUIT_OPEN}
 * (TrustCaptcha known to be unreachable) is let through by a fail-open policy: no request fails open because its own
 * call failed.
 *
 * <p>A {@link Verification} that has no result names {@link #TOKEN_INVALID}, one of TrustCaptcha's refusals
 * ({@link #VERIFICATION_NOT_FOUND} to {@link #FAILOVER_REJECTED}) or one of the outcomes that share
 * {@code verification-unavailable}; a {@link Decision} names any outcome.
 */
public enum Outcome {

    /** The token was verified and the result satisfies the policy. */
    ACCEPTED("accepted", Status.NONE, "CAPTCHA verified", "The CAPTCHA was verified."),

    /**
     * TrustCaptcha is known to be unreachable (the circuit breaker is open) and the policy lets well-formed tokens
     * through then ({@code policy.allow-when-unreachable}): accepted without a result.
     */
    ACCEPTED_UNVERIFIED("accepted-unverified", Status.NONE, "CAPTCHA not verified",
            "The CAPTCHA service is unreachable; the request was let through unverified."),

    /**
     * The JSON or url-encoded body is larger than {@code body.max-bytes}. The filter's detail adds the limit and the
     * header to send the token in instead.
     */
    BODY_TOO_LARGE("body-too-large", Status.PAYLOAD_TOO_LARGE, "Request body too large",
            "The request body is larger than the CAPTCHA check reads."),

    /**
     * No token where it is looked for, or a body that is not readable up to the token. The filter's detail adds where
     * to send it.
     */
    TOKEN_MISSING("token-missing", Status.REJECT, "CAPTCHA token missing", "No CAPTCHA token was found."),

    /** The token is over-long, not Base64, not JSON, not a string, or has no {@code verificationId}. */
    TOKEN_INVALID("token-invalid", Status.REJECT, "CAPTCHA token invalid",
            "The CAPTCHA token is not valid. Solve the CAPTCHA again."),

    /** The token's verification was accepted before, within {@code replay.ttl}: decided without asking TrustCaptcha. */
    TOKEN_REPLAYED("token-replayed", Status.REJECT, "CAPTCHA token already used",
            "This CAPTCHA token was already used. Solve the CAPTCHA again."),

    /** 404: TrustCaptcha knows no verification with this id. */
    VERIFICATION_NOT_FOUND("verification-not-found", Status.REJECT, "CAPTCHA verification not found",
            "No CAPTCHA verification belongs to this token. Solve the CAPTCHA again."),

    /** 410: the result has expired and can no longer be fetched. */
    VERIFICATION_EXPIRED("verification-expired", Status.REJECT, "CAPTCHA verification expired",
            "The CAPTCHA verification has expired. Solve the CAPTCHA again."),

    /** 423: the verification is not finished yet. */
    VERIFICATION_NOT_FINISHED("verification-not-finished", Status.REJECT, "CAPTCHA verification not finished",
            "The CAPTCHA is not finished yet. Finish it, then send the request again."),

    /** 429: the result was already fetched as often as allowed (by default once): a replayed token. */
    RETRIEVAL_LIMIT_REACHED("retrieval-limit-reached", Status.REJECT, "CAPTCHA token already used",
            "This CAPTCHA token was already used. Solve the CAPTCHA again."),

    /** 412: the token claims a client failover, but TrustCaptcha recorded no outage: solve again. */
    FAILOVER_REJECTED("failover-rejected", Status.REJECT, "CAPTCHA failover rejected",
            "The token says the CAPTCHA service was unreachable, which the service did not confirm. "
                    + "Solve the CAPTCHA again."),

    /** The policy's first check: TrustCaptcha says the verification was not passed. */
    VERIFICATION_FAILED("verification-failed", Status.REJECT, "CAPTCHA verification failed",
            "The CAPTCHA verification was not passed. Solve the CAPTCHA again."),

    /** The policy's second check: the bot score is above the policy's maximum. */
    SCORE_TOO_HIGH("score-too-high", Status.REJECT, "CAPTCHA score too high",
            "The CAPTCHA verification does not meet this endpoint's requirements. Solve the CAPTCHA again."),

    /** The policy's third check: the result's origin is not one of the allowed origins (or there is none). */
    ORIGIN_NOT_ALLOWED("origin-not-allowed", Status.REJECT, "CAPTCHA solved on another site",
            "The CAPTCHA was not solved on a site this endpoint accepts. Solve the CAPTCHA on this site."),

    /**
     * The policy's fourth check: TrustCaptcha answered from its gateway failover and the policy refuses such results
     * ({@code policy.reject-gateway-failover}): the client should try again later.
     */
    GATEWAY_FAILOVER_REJECTED("gateway-failover-rejected", Status.REJECT, "CAPTCHA verified in failover",
            "The CAPTCHA service is in failover, which this endpoint does not accept. Try again later."),

    /**
     * 403 from TrustCaptcha: it refused our API key. A configuration error on the server side, never the client's
     * (logged as SEVERE).
     */
    API_KEY_INVALID(Status.SERVICE_UNAVAILABLE),

    /**
     * TrustCaptcha answered something the contract does not allow: a 3xx (redirects are never followed), another
     * 4xx, a 1xx, a 2xx other than 200, a 500 or another 5xx that is not a gateway's, or a 200 whose body is not a
     * valid result (not JSON, oversized, a score outside 0..1, an id that is not a UUID). Never counted as an
     * outage, never let through by a fail-open policy: an API change must not open protected endpoints.
     */
    UNEXPECTED_RESPONSE(Status.SERVICE_UNAVAILABLE),

    /**
     * This call could not reach TrustCaptcha: connection refused, unknown host, no route, connect or read timeout,
     * the call's deadline, or a 502, 503 or 504 from a gateway in front of it. The request is refused; enough such
     * calls, confirmed by a probe, open the circuit breaker (see {@link #CIRCUIT_OPEN}).
     */
    UNAVAILABLE(Status.SERVICE_UNAVAILABLE),

    /**
     * TrustCaptcha was not asked, because it is known to be unreachable: the circuit breaker is open after a
     * sustained outage. The only failure that a fail-open policy ({@code policy.allow-when-unreachable}) lets
     * through, and then as {@link #ACCEPTED_UNVERIFIED}.
     */
    CIRCUIT_OPEN(Status.SERVICE_UNAVAILABLE),

    /**
     * TrustCaptcha was not asked, because the calls in flight have reached the adaptive concurrency limit (at most
     * {@code resilience.max-concurrent}) or no worker could start the call in time: our own saturation, which says
     * nothing about TrustCaptcha and is never let through.
     */
    OVERLOADED(Status.SERVICE_UNAVAILABLE),

    /**
     * The TLS handshake with the API host failed: a broken trust store, or someone in the middle. Not an outage:
     * never counted by the breaker, never let through.
     */
    TLS_FAILURE(Status.SERVICE_UNAVAILABLE),

    /**
     * A failure on our side, or one that cannot be classified: an unexpected exception, a stopped pool (the
     * application is shutting down), a failing replay store. Never counted as an outage, never let through.
     */
    INTERNAL_ERROR(Status.SERVICE_UNAVAILABLE);

    /** Which HTTP status a refusal gets. */
    public enum Status {
        /** Not a refusal. */
        NONE,
        /** The configured reject status, 403 unless set: the client can solve the CAPTCHA again. */
        REJECT,
        /** 413. */
        PAYLOAD_TOO_LARGE,
        /** 503, with {@code Retry-After}: TrustCaptcha gave no answer. */
        SERVICE_UNAVAILABLE
    }

    private final String code;
    private final Status status;
    private final String title;
    private final String detail;

    Outcome(String code, Status status, String title, String detail) {
        this.code = code;
        this.status = status;
        this.title = title;
        this.detail = detail;
    }

    /** One of the outcomes that share {@code verification-unavailable}. */
    Outcome(Status status) {
        this("verification-unavailable", status, "CAPTCHA verification unavailable",
                "The CAPTCHA could not be verified right now. Try again later.");
    }

    /**
     * The stable code, as in the {@code code} member of a problem response.
     *
     * @return e.g. {@code score-too-high}
     */
    public String code() {
        return code;
    }

    /**
     * Which status a refusal with this outcome gets.
     *
     * @return the status kind; {@link Status#NONE} for an acceptance
     */
    public Status status() {
        return status;
    }

    /**
     * The {@code title} of the problem response: short and stable.
     *
     * @return e.g. {@code CAPTCHA score too high}
     */
    public String title() {
        return title;
    }

    /**
     * The {@code detail} of the problem response: what the client can do, naming no secret and never echoing what the
     * client sent. The filter completes the details of {@link #TOKEN_MISSING} and {@link #BODY_TOO_LARGE} with where
     * to send the token.
     *
     * @return e.g. {@code This CAPTCHA token was already used. Solve the CAPTCHA again.}
     */
    public String detail() {
        return detail;
    }

    /**
     * Whether the request may go on.
     *
     * @return {@code true} for {@link #ACCEPTED} and {@link #ACCEPTED_UNVERIFIED}
     */
    public boolean accepts() {
        return status == Status.NONE;
    }
}
