package dev.captchagate.trustcaptcha.internal.ops;

import dev.captchagate.trustcaptcha.Decision;
import dev.captchagate.trustcaptcha.Outcome;
import dev.captchagate.trustcaptcha.internal.client.ClientState;
import dev.captchagate.trustcaptcha.internal.metrics.Metrics;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The metrics through MicroProfile Telemetry: instruments of an OpenTelemetry {@code Meter} named after the library,
 * from the application's {@code OpenTelemetry} bean (WildFly, where there is no MicroProfile Metrics). They are
 * exported as the server's telemetry is configured (OTLP push, off until {@code otel.sdk.disabled=false}). Loaded only
 * where the server has the API. Attributes are made once per combination and kept.
 */
final class TelemetryMetrics implements Registered {

    /** The instrumentation scope. */
    static final String SCOPE = "dev.captchagate.trustcaptcha";

    /** Bucket boundaries for call durations, in seconds: from a fast answer to past the default deadline. */
    static final List<Double> DURATION_BUCKETS = List.of(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
            10.0);

    private static final AttributeKey<String> FILTER = AttributeKey.stringKey("filter");
    private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");
    private static final AttributeKey<String> ENFORCED = AttributeKey.stringKey("enforced");
    private static final AttributeKey<String> KIND = AttributeKey.stringKey("kind");
    private static final AttributeKey<String> STATE = AttributeKey.stringKey("state");

    private final List<AutoCloseable> callbacks = new ArrayList<>();
    private final LongCounter decisions;
    private final DoubleHistogram calls;
    private final LongCounter limitRefused;
    private final LongCounter transitions;
    private final LongCounter replayFailures;
    private static final int OUTCOMES = Outcome.values().length;

    /** By filter: the attributes per outcome and enforcement, found without allocating once made. */
    private final Map<String, AtomicReferenceArray<Attributes>> decisionAttributes = new ConcurrentHashMap<>();
    private final Map<String, Attributes> kindAttributes = new ConcurrentHashMap<>();
    private final Map<String, Attributes> stateAttributes = new ConcurrentHashMap<>();

    /**
     * Instruments on a meter.
     *
     * @param meter the meter
     * @param gauges what the observable instruments read
     */
    TelemetryMetrics(Meter meter, Gauges gauges) {
        decisions = meter.counterBuilder(MetricNames.DECISIONS.name())
                .setDescription(MetricNames.DECISIONS.description()).setUnit("{decision}").build();
        calls = durations(meter);
        limitRefused = meter.counterBuilder(MetricNames.LIMIT_REFUSED.name())
                .setDescription(MetricNames.LIMIT_REFUSED.description()).setUnit("{verification}").build();
        transitions = meter.counterBuilder(MetricNames.BREAKER_TRANSITIONS.name())
                .setDescription(MetricNames.BREAKER_TRANSITIONS.description()).setUnit("{transition}").build();
        replayFailures = meter.counterBuilder(MetricNames.REPLAY_FAILURES.name())
                .setDescription(MetricNames.REPLAY_FAILURES.description()).setUnit("{failure}").build();
        // Shown from the start, as MicroProfile Metrics shows a registered counter: a series that appears only at
        // its first refusal or failure cannot be alerted on as a rate.
        limitRefused.add(0);
        replayFailures.add(0);
        for (String state : ClientState.BREAKER_STATES) {
            transitions.add(0, stateAttributes(state));
        }
        callbacks.add(meter.gaugeBuilder(MetricNames.IN_FLIGHT.name()).ofLongs()
                .setDescription(MetricNames.IN_FLIGHT.description()).setUnit("{call}")
                .buildWithCallback(m -> m.record(gauges.state().get().callsInFlight())));
        callbacks.add(meter.gaugeBuilder(MetricNames.LIMIT.name()).ofLongs()
                .setDescription(MetricNames.LIMIT.description()).setUnit("{call}")
                .buildWithCallback(m -> m.record(gauges.state().get().limit())));
        callbacks.add(meter.gaugeBuilder(MetricNames.BREAKER_STATE.name()).ofLongs()
                .setDescription(MetricNames.BREAKER_STATE.description())
                .buildWithCallback(m -> {
                    String now = gauges.state().get().breaker();
                    for (String state : ClientState.BREAKER_STATES) {
                        m.record(state.equals(now) ? 1 : 0, stateAttributes(state));
                    }
                }));
        if (gauges.replayEvictions().getAsLong() >= 0) {
            callbacks.add(meter.counterBuilder(MetricNames.REPLAY_EVICTIONS.name())
                    .setDescription(MetricNames.REPLAY_EVICTIONS.description()).setUnit("{id}")
                    .buildWithCallback(m -> m.record(Math.max(0, gauges.replayEvictions().getAsLong()))));
        }
    }

    /** The call durations, with bucket boundaries where the API can advise them (1.32 and later). */
    private static DoubleHistogram durations(Meter meter) {
        var builder = meter.histogramBuilder(MetricNames.CALL_DURATION.name())
                .setDescription(MetricNames.CALL_DURATION.description()).setUnit("s");
        try {
            builder.setExplicitBucketBoundariesAdvice(DURATION_BUCKETS);
        } catch (LinkageError older) {
            // the SDK's default boundaries
        }
        return builder.build();
    }

    /**
     * Makes the instruments on the application's OpenTelemetry, when CDI has it: through the library's own injected
     * {@code Instance}, then {@code CDI.current()}.
     *
     * @param gauges what the observable instruments read
     * @param beans the library's own lookup of beans; null without one
     * @return the metrics, or null when there is no OpenTelemetry bean
     */
    static Registered register(Gauges gauges, Instance<Object> beans) {
        for (Instance<Object> lookup : java.util.Arrays.asList(beans, CDI.current())) {
            if (lookup == null) {
                continue;
            }
            Instance<OpenTelemetry> telemetry = lookup.select(OpenTelemetry.class);
            if (telemetry.isResolvable()) {
                return new TelemetryMetrics(telemetry.get().getMeter(SCOPE), gauges);
            }
            Instance<Meter> meter = lookup.select(Meter.class);
            if (meter.isResolvable()) {
                return new TelemetryMetrics(meter.get(), gauges);
            }
        }
        return null;
    }

    private Attributes stateAttributes(String state) {
        return stateAttributes.computeIfAbsent(state, key -> Attributes.of(STATE, state));
    }

    @Override
    public void decided(String filter, Decision decision) {
        AtomicReferenceArray<Attributes> byOutcome = decisionAttributes.computeIfAbsent(filter,
                name -> new AtomicReferenceArray<>(OUTCOMES * 2));
        int index = decision.outcome().ordinal() * 2 + (decision.enforced() ? 1 : 0);
        Attributes attributes = byOutcome.get(index);
        if (attributes == null) { // a race makes two equal ones: harmless
            attributes = Attributes.of(FILTER, filter, OUTCOME, Metrics.label(decision.outcome()), ENFORCED,
                    Boolean.toString(decision.enforced()));
            byOutcome.set(index, attributes);
        }
        decisions.add(1, attributes);
    }

    @Override
    public void called(String kind, long nanos) {
        calls.record(nanos / 1e9, kindAttributes.computeIfAbsent(kind, key -> Attributes.of(KIND, kind)));
    }

    @Override
    public void limitRefused() {
        limitRefused.add(1);
    }

    @Override
    public void breakerEntered(String state) {
        transitions.add(1, stateAttributes(state));
    }

    @Override
    public void replayStoreFailed() {
        replayFailures.add(1);
    }

    @Override
    public void close() {
        for (AutoCloseable callback : callbacks) {
            try {
                callback.close();
            } catch (Exception gone) {
                // the meter may be gone with the application
            }
        }
        callbacks.clear();
    }

    @Override
    public boolean exportedByTelemetry() {
        return true;
    }

    @Override
    public String toString() {
        return "MicroProfile Telemetry (an OpenTelemetry Meter, scope " + SCOPE + ")";
    }
}
