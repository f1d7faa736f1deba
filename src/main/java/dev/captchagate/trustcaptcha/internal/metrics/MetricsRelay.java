package dev.captchagate.trustcaptcha.internal.metrics;

import dev.captchagate.trustcaptcha.Decision;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands everything on to the metrics chosen at start-up: the code that counts holds this from its own start, before
 * the choice is made, and counts nothing until then. A metrics implementation that fails once (a registry that
 * refuses a name, a server whose API is older than the one the library was built with) is switched off, with one
 * warning: a metric never fails or slows a request, a call or the breaker.
 */
public final class MetricsRelay implements Metrics {

    private static final Logger LOG = Logger.getLogger(MetricsRelay.class.getName());

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
     * @return the metrics, {@link Metrics#NONE} until chosen or once switched off
     */
    public Metrics target() {
        return target;
    }

    @Override
    public void decided(String filter, Decision decision) {
        Metrics now = target;
        try {
            now.decided(filter, decision);
        } catch (RuntimeException | LinkageError failed) {
            switchOff(now, failed);
        }
    }

    @Override
    public void called(String kind, long nanos) {
        Metrics now = target;
        try {
            now.called(kind, nanos);
        } catch (RuntimeException | LinkageError failed) {
            switchOff(now, failed);
        }
    }

    @Override
    public void limitRefused() {
        Metrics now = target;
        try {
            now.limitRefused();
        } catch (RuntimeException | LinkageError failed) {
            switchOff(now, failed);
        }
    }

    @Override
    public void breakerEntered(String state) {
        Metrics now = target;
        try {
            now.breakerEntered(state);
        } catch (RuntimeException | LinkageError failed) {
            switchOff(now, failed);
        }
    }

    @Override
    public void replayStoreFailed() {
        Metrics now = target;
        try {
            now.replayStoreFailed();
        } catch (RuntimeException | LinkageError failed) {
            switchOff(now, failed);
        }
    }

    private void switchOff(Metrics failing, Throwable failure) {
        synchronized (this) {
            if (target != failing) {
                return; // switched off already, or to other metrics
            }
            target = Metrics.NONE;
        }
        LOG.log(Level.WARNING, "TrustCaptcha: the metrics (" + failing + ") failed and are switched off; "
                + "verifications go on unchanged", failure);
    }

    @Override
    public String toString() {
        return target.toString();
    }
}
