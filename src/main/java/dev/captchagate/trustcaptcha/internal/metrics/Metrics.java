package dev.captchagate.trustcaptcha.internal.metrics;

import dev.captchagate.trustcaptcha.Decision;
import dev.captchagate.trustcaptcha.Outcome;
import java.util.Locale;

/**
 * What the library reports as it works; each method does nothing unless an implementation counts it. Every tag it
 * passes comes from a closed set (outcome codes, call kinds, breaker states, the deployment's filter names): never a
 * path, an address or a token. Implementations never block.
 */
public interface Metrics {

    /** Counts nothing. */
    Metrics NONE = new Metrics() {
        @Override
        public String toString() {
            return "none";
        }
    };

    /**
     * An outcome as metrics tag it: its name in lower case with hyphens ({@code score-too-high},
     * {@code circuit-open}): the problem code where that is one outcome's, the reason where several share a code
     * ({@code verification-unavailable}).
     *
     * @param outcome the outcome
     * @return the tag value
     */
    static String label(Outcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * A decision of a filter.
     *
     * @param filter the filter's name
     * @param decision the decision
     */
    default void decided(String filter, Decision decision) {
    }

    /**
     * A call to TrustCaptcha ended.
     *
     * @param kind {@code result}, or the {@linkplain #label label} of the outcome it found instead
     * @param nanos how long it took, from the start of the call on its worker
     */
    default void called(String kind, long nanos) {
    }

    /** A verification was refused because the calls in flight had reached the concurrency limit. */
    default void limitRefused() {
    }

    /**
     * The circuit breaker entered a state.
     *
     * @param state {@code closed}, {@code confirming}, {@code open} or {@code half-open}
     */
    default void breakerEntered(String state) {
    }

    /** A call on the replay store failed or timed out. */
    default void replayStoreFailed() {
    }
}
