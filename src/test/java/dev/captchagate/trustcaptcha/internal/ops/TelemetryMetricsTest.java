package dev.captchagate.trustcaptcha.internal.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.captchagate.trustcaptcha.Decision;
import dev.captchagate.trustcaptcha.Outcome;
import dev.captchagate.trustcaptcha.Verification;
import dev.captchagate.trustcaptcha.internal.client.ClientState;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What the OpenTelemetry instruments record, read back through the SDK: names, units, attributes from closed sets,
 * values, and nothing observed once closed. (MicroProfile Metrics' are read from Payara's endpoint by an IT.)
 */
class TelemetryMetricsTest {

    private final InMemoryMetricReader reader = InMemoryMetricReader.create();
    private final SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(reader).build();
    private final AtomicReference<ClientState> state = new AtomicReference<>(state("closed", 0, 150));

    private static ClientState state(String breaker, int inFlight, int limit) {
        return new ClientState("/shop", breaker, false, null, null, inFlight, limit, 150, 0, "accepted", null);
    }

    @Test
    void recordsEveryMetricUnderItsNameWithClosedSetAttributes() {
        TelemetryMetrics metrics = new TelemetryMetrics(provider.get(TelemetryMetrics.SCOPE),
                new Gauges(state::get, () -> 3));
        metrics.decided("signup", Decision.accepted(sample()));
        metrics.decided("signup", Decision.refused(Outcome.SCORE_TOO_HIGH, null, "x"));
        metrics.decided("signup", Decision.refused(Outcome.SCORE_TOO_HIGH, null, "x").unenforced());
        metrics.decided("login", Decision.refused(Verification.failed(Outcome.CIRCUIT_OPEN, "x")));
        metrics.called("result", Duration.ofMillis(120).toNanos());
        metrics.called("result", Duration.ofMillis(30).toNanos());
        metrics.called("unavailable", Duration.ofSeconds(8).toNanos());
        metrics.limitRefused();
        metrics.breakerEntered("confirming");
        metrics.breakerEntered("open");
        metrics.replayStoreFailed();
        state.set(state("open", 7, 40));

        Map<String, Object> seen = read();
        Map<String, Object> expected = new TreeMap<>();
        expected.put("trustcaptcha.decisions{enforced=true, filter=signup, outcome=accepted}", 1L);
        expected.put("trustcaptcha.decisions{enforced=true, filter=signup, outcome=score-too-high}", 1L);
        expected.put("trustcaptcha.decisions{enforced=false, filter=signup, outcome=score-too-high}", 1L);
        expected.put("trustcaptcha.decisions{enforced=true, filter=login, outcome=circuit-open}", 1L);
        expected.put("trustcaptcha.calls.duration[s]{kind=result}", "2 calls, 0.150 s");
        expected.put("trustcaptcha.calls.duration[s]{kind=unavailable}", "1 calls, 8.000 s");
        expected.put("trustcaptcha.calls.in-flight{}", 7L);
        expected.put("trustcaptcha.concurrency.limit{}", 40L);
        expected.put("trustcaptcha.concurrency.refused{}", 1L);
        for (String breaker : ClientState.BREAKER_STATES) {
            expected.put("trustcaptcha.breaker.state{state=" + breaker + "}", breaker.equals("open") ? 1L : 0L);
            expected.put("trustcaptcha.breaker.transitions{state=" + breaker + "}",
                    breaker.equals("confirming") || breaker.equals("open") ? 1L : 0L);
        }
        expected.put("trustcaptcha.replay.failures{}", 1L);
        expected.put("trustcaptcha.replay.evictions{}", 3L);
        assertEquals(expected, seen);
    }

    @Test
    void closedItObservesNothingMoreAndAStoreThatCannotTellHasNoEvictions() {
        TelemetryMetrics metrics = new TelemetryMetrics(provider.get(TelemetryMetrics.SCOPE),
                new Gauges(state::get, () -> -1));
        assertTrue(read().keySet().stream().noneMatch(name -> name.startsWith("trustcaptcha.replay.evictions")));
        assertTrue(read().containsKey("trustcaptcha.calls.in-flight{}"));
        metrics.close();
        assertTrue(read().keySet().stream().noneMatch(name -> name.startsWith("trustcaptcha.calls.in-flight")
                || name.startsWith("trustcaptcha.breaker.state")), "the callbacks are gone");
    }

    @Test
    void theRelaySwitchesOffMetricsThatFailAndTheRequestGoesOn() {
        // A server whose metrics API is older than the library's: a LinkageError on the request's path.
        dev.captchagate.trustcaptcha.internal.metrics.MetricsRelay relay =
                new dev.captchagate.trustcaptcha.internal.metrics.MetricsRelay();
        TelemetryMetrics failing = new TelemetryMetrics(provider.get(TelemetryMetrics.SCOPE),
                new Gauges(state::get, () -> 0));
        relay.to(new Registered() {
            @Override
            public void decided(String filter, Decision decision) {
                throw new NoSuchMethodError("an older API");
            }

            @Override
            public void called(String kind, long nanos) {
                failing.called(kind, nanos);
            }

            @Override
            public void close() {
            }
        });
        relay.decided("signup", Decision.refused(Outcome.TOKEN_MISSING, null, "x")); // never throws
        assertEquals(dev.captchagate.trustcaptcha.internal.metrics.Metrics.NONE, relay.target(), "switched off");
        relay.called("result", 1); // goes nowhere now
        assertTrue(read().keySet().stream().noneMatch(name -> name.startsWith("trustcaptcha.calls.duration")));
    }

    private static dev.captchagate.trustcaptcha.VerificationResult sample() {
        return dev.captchagate.trustcaptcha.internal.client.ResultJson.parse(
                dev.captchagate.trustcaptcha.testing.Results.human(java.util.UUID.randomUUID())
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)).orElseThrow();
    }

    /** Every point of the library's scope: name, unit for histograms, attributes, value. */
    private Map<String, Object> read() {
        Map<String, Object> seen = new TreeMap<>();
        for (MetricData metric : reader.collectAllMetrics()) {
            if (!metric.getInstrumentationScopeInfo().getName().equals(TelemetryMetrics.SCOPE)) {
                continue;
            }
            switch (metric.getType()) {
                case LONG_SUM -> metric.getLongSumData().getPoints().forEach(point ->
                        seen.put(metric.getName() + attributes(point), point.getValue()));
                case LONG_GAUGE -> metric.getLongGaugeData().getPoints().forEach(point ->
                        seen.put(metric.getName() + attributes(point), point.getValue()));
                case HISTOGRAM -> {
                    for (HistogramPointData point : metric.getHistogramData().getPoints()) {
                        assertEquals(TelemetryMetrics.DURATION_BUCKETS, point.getBoundaries());
                        seen.put(metric.getName() + "[" + metric.getUnit() + "]" + point.getAttributes().asMap()
                                .entrySet().stream().map(e -> e.getKey().getKey() + "=" + e.getValue()).sorted()
                                .toList().toString().replace('[', '{').replace(']', '}'),
                                point.getCount() + " calls, " + String.format(java.util.Locale.ROOT, "%.3f s",
                                        point.getSum()));
                    }
                }
                default -> throw new AssertionError("unexpected " + metric);
            }
        }
        return seen;
    }

    private static String attributes(LongPointData point) {
        Map<String, String> sorted = new TreeMap<>();
        point.getAttributes().forEach((AttributeKey<?> key, Object value) -> sorted.put(key.getKey(),
                String.valueOf(value)));
        return sorted.toString();
    }
}
