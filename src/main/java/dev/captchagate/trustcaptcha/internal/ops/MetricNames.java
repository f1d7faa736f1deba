package dev.captchagate.trustcaptcha.internal.ops;

import java.util.List;

/**
 * The metrics' names, tags and meanings: the same through MicroProfile Metrics and OpenTelemetry; the README's table
 * is tested against this one.
 */
final class MetricNames {

    private MetricNames() {
    }

    /** One metric. */
    record Name(String name, String type, String unit, List<String> tags, String description) {
    }

    static final Name DECISIONS = new Name("trustcaptcha.decisions", "counter", "", List.of("filter", "outcome",
            "enforced"), "Decisions of the filter on protected requests");

    static final Name CALL_DURATION = new Name("trustcaptcha.calls.duration", "timer", "seconds", List.of("kind"),
            "How long calls to TrustCaptcha took, by what they found");

    static final Name IN_FLIGHT = new Name("trustcaptcha.calls.in-flight", "gauge", "", List.of(),
            "Calls to TrustCaptcha in flight");

    static final Name LIMIT = new Name("trustcaptcha.concurrency.limit", "gauge", "", List.of(),
            "The adaptive limit on calls to TrustCaptcha in flight");

    static final Name LIMIT_REFUSED = new Name("trustcaptcha.concurrency.refused", "counter", "", List.of(),
            "Verifications refused because the calls in flight had reached the limit");

    static final Name BREAKER_STATE = new Name("trustcaptcha.breaker.state", "gauge", "", List.of("state"),
            "1 for the circuit breaker's current state, 0 for the others");

    static final Name BREAKER_TRANSITIONS = new Name("trustcaptcha.breaker.transitions", "counter", "",
            List.of("state"), "States the circuit breaker entered");

    static final Name REPLAY_FAILURES = new Name("trustcaptcha.replay.failures", "counter", "", List.of(),
            "Calls on the replay store that failed or timed out");

    static final Name REPLAY_EVICTIONS = new Name("trustcaptcha.replay.evictions", "gauge", "", List.of(),
            "Ids the replay store forgot within their time to live because it was full, since it opened");

    /** Every metric, in the README's order. */
    static final List<Name> ALL = List.of(DECISIONS, CALL_DURATION, IN_FLIGHT, LIMIT, LIMIT_REFUSED, BREAKER_STATE,
            BREAKER_TRANSITIONS, REPLAY_FAILURES, REPLAY_EVICTIONS);
}
