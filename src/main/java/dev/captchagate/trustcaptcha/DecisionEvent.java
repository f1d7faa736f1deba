package dev.captchagate.trustcaptcha;

import java.util.Objects;

/**
 * Fired as a CDI event for every decision the filter makes, accepted or refused, enforced or monitored: both
 * synchronously (to {@code @Observes}) and asynchronously (to {@code @ObservesAsync}). Carries no token and no key.
 * An observer that throws is logged and changes nothing.
 * <pre>{@code
 * void count(@ObservesAsync DecisionEvent event) {
 *     metrics.counter("captcha", "code", event.decision().code()).increment();
 * }
 * }</pre>
 *
 * @param decision the decision
 * @param method the request method
 * @param path the request URI, as the client sent it (not decoded)
 * @param clientAddress the client address as the container resolved it ({@code getRemoteAddr()})
 */
public record DecisionEvent(Decision decision, String method, String path, String clientAddress) {

    /**
     * Checks the arguments.
     *
     * @param decision not null
     * @param method the method
     * @param path the path
     * @param clientAddress the client address
     */
    public DecisionEvent {
        Objects.requireNonNull(decision, "decision");
    }
}
