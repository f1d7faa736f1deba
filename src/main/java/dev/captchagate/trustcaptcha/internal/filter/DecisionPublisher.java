package dev.captchagate.trustcaptcha.internal.filter;

import dev.captchagate.trustcaptcha.DecisionEvent;
import dev.captchagate.trustcaptcha.internal.util.RateLimit;
import jakarta.enterprise.event.Event;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Publishes each decision as a CDI event, synchronously and asynchronously. An observer that throws is logged (a
 * few lines a minute at most) and changes nothing: the request goes on as decided.
 */
public final class DecisionPublisher {

    private static final Logger LOG = Logger.getLogger(DecisionPublisher.class.getName());

    /** Publishes nothing. */
    public static final DecisionPublisher NONE = new DecisionPublisher(null, System::nanoTime);

    private final Event<DecisionEvent> event;
    private final RateLimit failures;

    /**
     * A publisher to CDI.
     *
     * @param event the event to fire, or null for none
     * @param clock nanoseconds, for the rate limit of failure lines
     */
    public DecisionPublisher(Event<DecisionEvent> event, LongSupplier clock) {
        this.event = event;
        this.failures = new RateLimit(10, clock);
    }

    void publish(DecisionEvent decision) {
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
