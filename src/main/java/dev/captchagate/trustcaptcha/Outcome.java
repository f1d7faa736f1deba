package dev.captchagate.trustcaptcha;

/**
 * Every way a protected request can end, with its stable problem code. A refusal's HTTP status is one of three:
 * the configured reject status (403 by default) for what the client can fix by solving the CAPTCHA again, 413 for
 * an oversized body, 503 when TrustCaptcha could not give an answer.
 */
public enum Outcome {

    /** The token was verified and the result satisfies the policy. */
    ACCEPTED("accepted", Status.NONE),

    /**
     * TrustCaptcha could not be reached and the policy allows well-formed tokens through then
     * ({@code policy.allow-when-unreachable}): accepted without a result.
     */
    ACCEPTED_UNVERIFIED("accepted-unverified", Status.NONE),

    /** The JSON or url-encoded body is larger than {@code body.max-bytes}. */
    BODY_TOO_LARGE("body-too-large", Status.PAYLOAD_TOO_LARGE),

    /** No token where it is looked for, or a body that is not readable up to the token. */
    TOKEN_MISSING("token-missing", Status.REJECT),

    /** The token is over-long, undecodable, not a string, or has no {@code verificationId}. */
    TOKEN_INVALID("token-invalid", Status.REJECT),

    /** The token's verification was accepted before, within {@code replay.ttl}: decided without asking TrustCaptcha. */
    TOKEN_REPLAYED("token-replayed", Status.REJECT),

    /** TrustCaptcha knows no such verification (404). */
    VERIFICATION_NOT_FOUND("verification-not-found", Status.REJECT),

    /** The result has expired (410). */
    VERIFICATION_EXPIRED("verification-expired", Status.REJECT),

    /** The verification is not finished (423). */
    VERIFICATION_NOT_FINISHED("verification-not-finished", Status.REJECT),

    /** The result was already fetched (429): the token was used before. */
    RETRIEVAL_LIMIT_REACHED("retrieval-limit-reached", Status.REJECT),

    /** The client claimed an outage TrustCaptcha did not have (412): solve again. */
    FAILOVER_REJECTED("failover-rejected", Status.REJECT),

    /** TrustCaptcha says the verification was not passed. */
    VERIFICATION_FAILED("verification-failed", Status.REJECT),

    /** The bot score is above the policy's maximum. */
    SCORE_TOO_HIGH("score-too-high", Status.REJECT),

    /** The result's origin is not one of the policy's allowed origins (or there is none). */
    ORIGIN_NOT_ALLOWED("origin-not-allowed", Status.REJECT),

    /**
     * TrustCaptcha answered from its gateway failover and the policy refuses such results
     * ({@code policy.reject-gateway-failover}): the client should try again later.
     */
    GATEWAY_FAILOVER_REJECTED("gateway-failover-rejected", Status.REJECT),

    /**
     * TrustCaptcha could not give an answer: unreachable, timed out, 5xx, 3xx, another unexpected status, an
     * unreadable answer, or our API key refused (our misconfiguration, never the client's fault).
     */
    VERIFICATION_UNAVAILABLE("verification-unavailable", Status.SERVICE_UNAVAILABLE);

    /** Which HTTP status a refusal gets. */
    public enum Status {
        /** Not a refusal. */
        NONE,
        /** The configured reject status, 403 unless set. */
        REJECT,
        /** 413. */
        PAYLOAD_TOO_LARGE,
        /** 503, with {@code Retry-After}. */
        SERVICE_UNAVAILABLE
    }

    private final String code;
    private final Status status;

    Outcome(String code, Status status) {
        this.code = code;
        this.status = status;
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
     * Whether the request may go on.
     *
     * @return {@code true} for an acceptance
     */
    public boolean accepts() {
        return status == Status.NONE;
    }

    /**
     * The outcome of a verification that gave no result.
     *
     * @param failure why there was no result
     * @return the outcome
     */
    public static Outcome of(VerificationFailure failure) {
        switch (failure) {
            case TOKEN_INVALID:
                return TOKEN_INVALID;
            case NOT_FOUND:
                return VERIFICATION_NOT_FOUND;
            case EXPIRED:
                return VERIFICATION_EXPIRED;
            case NOT_FINISHED:
                return VERIFICATION_NOT_FINISHED;
            case RETRIEVAL_LIMIT_REACHED:
                return RETRIEVAL_LIMIT_REACHED;
            case FAILOVER_REJECTED:
                return FAILOVER_REJECTED;
            default:
                return VERIFICATION_UNAVAILABLE;
        }
    }
}
