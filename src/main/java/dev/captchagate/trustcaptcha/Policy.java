package dev.captchagate.trustcaptcha;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a verification must satisfy. After a result, the checks run in this order and the first failure wins:
 * {@code verification-failed}, {@code score-too-high}, {@code origin-not-allowed},
 * {@code gateway-failover-rejected}.
 *
 * <p>Immutable; made with {@link #builder()}, or {@link #maxScore(double)} for the default with another threshold:
 * <pre>{@code
 * Policy checkout = Policy.builder()
 *         .maxScore(0.3)
 *         .allowedOrigins("https://shop.example.com")
 *         .build();
 * }</pre>
 */
public final class Policy {

    /** The vendor's recommendation. */
    public static final double DEFAULT_MAX_SCORE = 0.5;

    /** The vendor's own check: passed and a score of at most 0.5; fail closed; any origin; gateway failover allowed. */
    public static final Policy DEFAULT = builder().build();

    private final double maxScore;
    private final boolean allowWhenUnreachable;
    private final boolean rejectGatewayFailover;
    private final Set<String> allowedOrigins;

    private Policy(Builder builder) {
        this.maxScore = builder.maxScore;
        this.allowWhenUnreachable = builder.allowWhenUnreachable;
        this.rejectGatewayFailover = builder.rejectGatewayFailover;
        this.allowedOrigins = Set.copyOf(builder.allowedOrigins);
    }

    /**
     * The default policy with another maximum score.
     *
     * @param maxScore from 0 to 1
     * @return the policy
     * @throws IllegalArgumentException when the score is outside 0..1
     */
    public static Policy maxScore(double maxScore) {
        return builder().maxScore(maxScore).build();
    }

    /**
     * A builder that starts from the {@link #DEFAULT default} policy.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder that starts from this policy.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.maxScore = maxScore;
        builder.allowWhenUnreachable = allowWhenUnreachable;
        builder.rejectGatewayFailover = rejectGatewayFailover;
        builder.allowedOrigins.addAll(allowedOrigins);
        return builder;
    }

    /**
     * The highest bot score accepted, from 0 (human) to 1 (bot); a score equal to it passes.
     *
     * @return the maximum score
     */
    public double maxScore() {
        return maxScore;
    }

    /**
     * Whether a well-formed token passes without a result while TrustCaptcha is known to be unreachable: only while
     * the circuit breaker is open ({@link Outcome#CIRCUIT_OPEN}), never because one request's own call failed, and
     * never for a missing or invalid token, our own saturation, a TLS failure, an answer that is not a valid result,
     * an unexpected status, or our API key refused.
     *
     * @return whether the policy fails open while the breaker is open
     */
    public boolean allowWhenUnreachable() {
        return allowWhenUnreachable;
    }

    /**
     * Whether a result TrustCaptcha handed out from its gateway failover is refused.
     *
     * @return whether gateway failover results are refused
     */
    public boolean rejectGatewayFailover() {
        return rejectGatewayFailover;
    }

    /**
     * The origins a result must come from, normalised (lower case, default port left out).
     *
     * @return the origins; empty: any
     */
    public Set<String> allowedOrigins() {
        return allowedOrigins;
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
    public boolean equals(Object other) {
        return other instanceof Policy that && maxScore == that.maxScore
                && allowWhenUnreachable == that.allowWhenUnreachable
                && rejectGatewayFailover == that.rejectGatewayFailover && allowedOrigins.equals(that.allowedOrigins);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxScore, allowWhenUnreachable, rejectGatewayFailover, allowedOrigins);
    }

    @Override
    public String toString() {
        return "max score " + maxScore + (allowWhenUnreachable ? ", allows tokens when TrustCaptcha is unreachable" : "")
                + (rejectGatewayFailover ? ", refuses gateway failover results" : "")
                + (allowedOrigins.isEmpty() ? "" : ", origins " + String.join(" ", allowedOrigins));
    }

    /** Builds a {@link Policy}; each setter checks its argument at once. Not thread-safe. */
    public static final class Builder {

        private double maxScore = DEFAULT_MAX_SCORE;
        private boolean allowWhenUnreachable;
        private boolean rejectGatewayFailover;
        private final Set<String> allowedOrigins = new LinkedHashSet<>();

        private Builder() {
        }

        /**
         * The highest bot score accepted; {@value Policy#DEFAULT_MAX_SCORE} unless set.
         *
         * @param maxScore from 0 (human) to 1 (bot)
         * @return this builder
         * @throws IllegalArgumentException when the score is outside 0..1
         */
        public Builder maxScore(double maxScore) {
            if (!(maxScore >= 0 && maxScore <= 1)) {
                throw new IllegalArgumentException("maxScore must be from 0 to 1, was " + maxScore);
            }
            this.maxScore = maxScore;
            return this;
        }

        /**
         * Whether to let well-formed tokens through while the circuit breaker is open; {@code false} unless set.
         *
         * @param allow whether to fail open while TrustCaptcha is known to be unreachable
         * @return this builder
         * @see Policy#allowWhenUnreachable()
         */
        public Builder allowWhenUnreachable(boolean allow) {
            this.allowWhenUnreachable = allow;
            return this;
        }

        /**
         * Whether to refuse results from TrustCaptcha's gateway failover; {@code false} unless set.
         *
         * @param reject whether to refuse them
         * @return this builder
         */
        public Builder rejectGatewayFailover(boolean reject) {
            this.rejectGatewayFailover = reject;
            return this;
        }

        /**
         * The origins a result must come from, replacing any set before; none (any origin) unless set.
         *
         * @param origins origins such as {@code https://shop.example.com}
         * @return this builder
         * @throws IllegalArgumentException when one is not an origin
         */
        public Builder allowedOrigins(Collection<String> origins) {
            Set<String> normal = new LinkedHashSet<>();
            for (String origin : Objects.requireNonNull(origins, "origins")) {
                normal.add(Origins.normalize(origin)
                        .orElseThrow(() -> new IllegalArgumentException("not an origin: " + origin)));
            }
            allowedOrigins.clear();
            allowedOrigins.addAll(normal);
            return this;
        }

        /**
         * The origins a result must come from, replacing any set before.
         *
         * @param origins origins such as {@code https://shop.example.com}
         * @return this builder
         * @throws IllegalArgumentException when one is not an origin
         */
        public Builder allowedOrigins(String... origins) {
            return allowedOrigins(List.of(origins));
        }

        /**
         * The policy.
         *
         * @return the policy
         */
        public Policy build() {
            return new Policy(this);
        }
    }
}
