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
 * <p>Immutable. A final class rather than a record, so that members can be added without breaking code that makes
 * events (tests do).
 */
public final class DecisionEvent {

    private final Decision decision;
    private final String method;
    private final String path;
    private final String clientAddress;

    private DecisionEvent(Decision decision, String method, String path, String clientAddress) {
        this.decision = Objects.requireNonNull(decision, "decision");
        this.method = method;
        this.path = path;
        this.clientAddress = clientAddress;
    }

    /**
     * An event.
     *
     * @param decision the decision; not null
     * @param method the request method
     * @param path the request URI, as the client sent it (not decoded)
     * @param clientAddress the client address as the container resolved it ({@code getRemoteAddr()})
     * @return the event
     */
    public static DecisionEvent of(Decision decision, String method, String path, String clientAddress) {
        return new DecisionEvent(decision, method, path, clientAddress);
    }

    /**
     * The decision.
     *
     * @return the decision
     */
    public Decision decision() {
        return decision;
    }

    /**
     * The request method.
     *
     * @return e.g. {@code POST}
     */
    public String method() {
        return method;
    }

    /**
     * The request URI, as the client sent it (not decoded).
     *
     * @return e.g. {@code /login}
     */
    public String path() {
        return path;
    }

    /**
     * The client address as the container resolved it ({@code getRemoteAddr()}).
     *
     * @return the address; null when {@code trustcaptcha.privacy.omit-personal-data} is {@code true}
     */
    public String clientAddress() {
        return clientAddress;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DecisionEvent that && decision.equals(that.decision) && Objects.equals(method,
                that.method) && Objects.equals(path, that.path) && Objects.equals(clientAddress, that.clientAddress);
    }

    @Override
    public int hashCode() {
        return Objects.hash(decision, method, path, clientAddress);
    }

    @Override
    public String toString() {
        return "DecisionEvent[" + method + " " + path + " from " + clientAddress + ": " + decision + "]";
    }
}
