package dev.captchagate.trustcaptcha;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a verification must satisfy. After a result, the checks run in this order and the first failure wins:
 * {@code verification-failed}, {@code score-too-high}, {@code origin-not-allowed},
 * {@code gateway-failover-rejected}.
 *
 * @param maxScore the highest bot score accepted, from 0 (human) to 1 (bot); a score equal to it passes
 * @param allowWhenUnreachable whether a well-formed token passes without a result while TrustCaptcha is known to be
 *     unreachable: only while the circuit breaker is open ({@link Outcome#CIRCUIT_OPEN}), never because
 *     one request's own call failed, and never for a missing or invalid token, our own saturation, a TLS failure, an
 *     answer that is not a valid result, an unexpected status, or our API key refused
 * @param rejectGatewayFailover whether a result TrustCaptcha handed out from its gateway failover is refused
 * @param allowedOrigins the origins a result must come from, normalised (see {@link Origins}); empty: any
 */
public record Policy(double maxScore, boolean allowWhenUnreachable, boolean rejectGatewayFailover,
                     Set<String> allowedOrigins) {

    /** The vendor's recommendation. */
    public static final double DEFAULT_MAX_SCORE = 0.5;

    /** The vendor's own check: passed and a score of at most 0.5; fail closed; any origin; gateway failover allowed. */
    public static final Policy DEFAULT = new Policy(DEFAULT_MAX_SCORE, false, false, Set.of());

    /**
     * Checks the arguments and normalises the origins.
     *
     * @param maxScore from 0 to 1
     * @param allowWhenUnreachable whether to fail open while TrustCaptcha is known to be unreachable
     * @param rejectGatewayFailover whether to refuse gateway failover results
     * @param allowedOrigins the allowed origins, each a valid origin
     */
    public Policy {
        if (!(maxScore >= 0 && maxScore <= 1)) {
            throw new IllegalArgumentException("maxScore must be from 0 to 1, was " + maxScore);
        }
        Set<String> normal = new LinkedHashSet<>();
        for (String origin : Objects.requireNonNull(allowedOrigins, "allowedOrigins")) {
            normal.add(Origins.normalize(origin)
                    .orElseThrow(() -> new IllegalArgumentException("not an origin: " + origin)));
        }
        allowedOrigins = Set.copyOf(normal);
    }

    /**
     * The default policy with another maximum score.
     *
     * @param maxScore from 0 to 1
     * @return the policy
     */
    public static Policy maxScore(double maxScore) {
        return new Policy(maxScore, false, false, Set.of());
    }

    /**
     * Decides on a verification.
     *
     * @param verification what TrustCaptcha answered
     * @return the decision
     */
    public Decision decide(Verification verification) {
        if (verification.failure().isPresent()) {
            if (allowWhenUnreachable && verification.failure().get() == Outcome.CIRCUIT_OPEN) {
                return Decision.acceptedUnverified(verification);
            }
            return Decision.refused(verification);
        }
        VerificationResult result = verification.result().orElseThrow();
        if (!result.verificationPassed()) {
            return Decision.refused(Outcome.VERIFICATION_FAILED, result, "verification not passed");
        }
        if (!(result.score() <= maxScore)) {
            return Decision.refused(Outcome.SCORE_TOO_HIGH, result, "score " + result.score() + " above " + maxScore);
        }
        if (!allowedOrigins.isEmpty()
                && !Origins.normalize(result.origin()).map(allowedOrigins::contains).orElse(false)) {
            return Decision.refused(Outcome.ORIGIN_NOT_ALLOWED, result,
                    result.origin() == null ? "the result has no origin" : "origin not allowed");
        }
        if (rejectGatewayFailover && result.gatewayFailoverActive()) {
            return Decision.refused(Outcome.GATEWAY_FAILOVER_REJECTED, result, "result from gateway failover");
        }
        return Decision.accepted(result);
    }

    @Override
    public String toString() {
        return "max score " + maxScore + (allowWhenUnreachable ? ", allows tokens when TrustCaptcha is unreachable" : "")
                + (rejectGatewayFailover ? ", refuses gateway failover results" : "")
                + (allowedOrigins.isEmpty() ? "" : ", origins " + String.join(" ", allowedOrigins));
    }
}
