package dev.captchagate.trustcaptcha.it.portable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Health and metrics on WildFly 39 ({@code standalone-microprofile.xml}, its defaults): MicroProfile Health on the
 * management interface, metrics through MicroProfile Telemetry, which the WAR switches on by its own configuration
 * and which pushes them by OTLP to a receiver on loopback.
 */
class OperationsOnWildFlyIT extends OperationsSuite {

    private OtlpReceiver receiver;

    OperationsOnWildFlyIT() {
        super(new WildFlyServer(Path.of(ServerProcess.required("it.wildfly.home")), "wildfly-ops"));
    }

    @Override
    void beforeServer() throws Exception {
        receiver = OtlpReceiver.start("dev.captchagate.trustcaptcha");
    }

    @Override
    void afterServer() {
        if (receiver != null) {
            receiver.close();
        }
    }

    @Override
    Map<String, String> extraConfig() {
        return Map.of("otel.sdk.disabled", "false", "otel.exporter.otlp.endpoint", receiver.endpoint(),
                "otel.exporter.otlp.protocol", "http/protobuf", "otel.metric.export.interval", "500",
                "otel.traces.exporter", "none", "otel.logs.exporter", "none");
    }

    @Override
    URI health() {
        return URI.create("http://127.0.0.1:" + ((WildFlyServer) server).managementPort() + "/health/");
    }

    @Override
    Map<String, Double> metrics() {
        return receiver.latest();
    }

    @Override
    String evictionsName() {
        return "trustcaptcha_replay_evictions_total";
    }

    @Override
    String expectedReplayStore() {
        return "memory";
    }

    @Override
    String expectedMetricsLine() {
        return "TrustCaptcha metrics: MicroProfile Telemetry (an OpenTelemetry Meter, scope "
                + "dev.captchagate.trustcaptcha); exported as the otel.* configuration says";
    }

    @Test
    void theReceiverGetsOnlyMetricsExportsWithOurScopeAmongThem() throws InterruptedException {
        assertTrue(receiver.awaitScope("dev.captchagate.trustcaptcha", Duration.ofSeconds(30)),
                receiver.scopes().toString());
        assertTrue(receiver.exports() > 0);
        assertEquals(List.of(), receiver.problems(), "the WAR switched traces and logs off: only metrics arrive");
    }
}
