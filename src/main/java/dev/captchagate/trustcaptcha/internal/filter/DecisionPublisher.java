package dev.captchagate.trustcaptcha.internal.filter;

import dev.captchagate.trustcaptcha.Decision;
import dev.captchagate.trustcaptcha.DecisionEvent;
import dev.captchagate.trustcaptcha.internal.metrics.Metrics;
import dev.captchagate.trustcaptcha.internal.util.RateLimit;
import jakarta.enterprise.event.Event;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Publishes each decision as a CDI event, synchronously and asynchronously, and counts it in the metrics under its
 * filter's name. An observer that throws is logged (a few lines a minute at most) and changes nothing: the request
 * goes on as decided. With {@code trustcaptcha.privacy.omit-personal-data} it leaves out what identifies the user,
 * from the events and the request attributes alike ({@link #shown}).
 */
public final class DecisionPublisher {

    private static final Logger LOG = Logger.getLogger(DecisionPublisher.class.getName());

    /** Publishes nothing. */
    public static final DecisionPublisher NONE = new DecisionPublisher(null, System::nanoTime);

    private final Event<DecisionEvent> event;
    private final RateLimit failures;
    private final String filter;
    private final Metrics metrics;
    private final boolean omitPersonalData;

    /**
     * A publisher to CDI.
     *
     * @param event the event to fire, or null for none
     * @param clock nanoseconds, for the rate limit of failure lines
     */
    public DecisionPublisher(Event<DecisionEvent> event, LongSupplier clock) {
        this(event, clock, "", Metrics.NONE, false);
    }

    /**
     * A publisher to CDI and to the metrics.
     *
     * @param event the event to fire, or null for none
     * @param clock nanoseconds, for the rate limit of failure lines
     * @param filter the filter's name, as the metrics tag its decisions
     * @param metrics where decisions are counted
     * @param omitPersonalData whether events and request attributes leave out what identifies the user
     */
    public DecisionPublisher(Event<DecisionEvent> event, LongSupplier clock, String filter, Metrics metrics,
                             boolean omitPersonalData) {
        this.event = event;
        this.failures = new RateLimit(10, clock);
        this.filter = filter;
        this.metrics = metrics;
        this.omitPersonalData = omitPersonalData;
    }

    /**
     * The decision as the application sees it, in the request attributes and the events: without the result's
     * personal data when the privacy switch is on.
     *
     * @param decision the decision
     * @return what to publish
     */
    Decision shown(Decision decision) {
        return omitPersonalData ? decision.withoutPersonalData() : decision;
    }

    /**
     * The client address as the events carry it: none when the privacy switch is on.
     *
     * @param remoteAddress the address the container resolved
     * @return the address, or null
     */
    String address(String remoteAddress) {
        return omitPersonalData ? null : remoteAddress;
    }

    void publish(DecisionEvent decision) {
        metrics.decided(filter, decision.decision());
        if (event == null) {
            return;
        }
        try {
            event.fire(decision);
        } catch (RuntimeException observerFailed) {
            failed("an observer of DecisionEvent", observerFailed);
        }
        try {
            event.fireAsync(decision).whenComplete((delivered, failure) -> {
                if (failure != null) {
                    failed("an asynchronous observer of DecisionEvent", failure);
                }
            });
        } catch (RuntimeException notDelivered) {
            failed("asynchronous delivery of DecisionEvent", notDelivered);
        }
    }

    private void failed(String what, Throwable failure) {
        int left = failures.permit();
        if (left >= 0) {
            LOG.log(Level.WARNING, "TrustCaptcha: " + what + " failed; the decision stands"
                    + (left > 0 ? " (" + left + " more such failures not logged)" : ""), failure);
        }
    }
}
