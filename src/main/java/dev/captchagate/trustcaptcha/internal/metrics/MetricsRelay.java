package dev.captchagate.trustcaptcha.internal.metrics;

import dev.captchagate.trustcaptcha.Decision;
import java.util.Objects;

/**
 * Hands everything on to the metrics chosen at start-up: the code that counts holds this from its own start, before
 * the choice is made, and counts nothing until then.
 */
public final class MetricsRelay implements Metrics {

    private volatile Metrics target = Metrics.NONE;

    /**
     * Hands on to these metrics from now on.
     *
     * @param metrics the metrics; not null
     */
    public void to(Metrics metrics) {
        target = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Where it hands on to.
     *
     * @return the metrics, {@link Metrics#NONE} until chosen
     */
    public Metrics target() {
        return target;
    }

    @Override
    public void decided(String filter, Decision decision) {
        try {
            target.decided(filter, decision);
        } catch (RuntimeException failed) {
            // a metric never changes a decision
        }
    }

    @Override
    public void called(String kind, long nanos) {
        try {
            target.called(kind, nanos);
        } catch (RuntimeException failed) {
            // nor a call
        }
    }

    @Override
    public void limitRefused() {
        try {
            target.limitRefused();
        } catch (RuntimeException failed) {
            // nor a refusal
        }
    }

    @Override
    public void breakerEntered(String state) {
        try {
            target.breakerEntered(state);
        } catch (RuntimeException failed) {
            // nor the breaker
        }
    }

    @Override
    public void replayStoreFailed() {
        try {
            target.replayStoreFailed();
        } catch (RuntimeException failed) {
            // nor the replay store
        }
    }

    @Override
    public String toString() {
        return target.toString();
    }
}
