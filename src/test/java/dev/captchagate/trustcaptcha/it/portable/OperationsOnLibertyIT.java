package dev.captchagate.trustcaptcha.it.portable;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Health and metrics on Open Liberty with {@code mpHealth-4.0} and {@code mpMetrics-5.1} added to the library's
 * features: both on the HTTP port; {@code /metrics} without its default authentication (a test server on loopback).
 */
class OperationsOnLibertyIT extends OperationsSuite {

    OperationsOnLibertyIT() {
        super(new LibertyServer(Path.of(ServerProcess.required("it.liberty.home")), features(),
                LibertyServer.DEFAULT_JVM_OPTIONS, "  <mpMetrics authentication=\"false\"/>\n"));
    }

    private static List<String> features() {
        // MicroProfile 6.1's Metrics 5.1 needs its Config 3.1 (Liberty refuses Config 3.0 beside it).
        List<String> features = new ArrayList<>(LibertyServer.FEATURES);
        features.replaceAll(feature -> feature.equals("mpConfig-3.0") ? "mpConfig-3.1" : feature);
        features.add("mpHealth-4.0");
        features.add("mpMetrics-5.1");
        return features;
    }

    @Override
    URI health() {
        return server.baseUri().resolve("/health/");
    }

    @Override
    Map<String, Double> metrics() {
        HttpResponse<String> response = get(server.baseUri().resolve("/metrics?scope=application"));
        if (response.statusCode() != 200) {
            throw new AssertionError("/metrics?scope=application answered " + response.statusCode());
        }
        return OperationsOnPayara6IT.parse(response.body());
    }

    @Override
    String evictionsName() {
        return "trustcaptcha_replay_evictions";
    }

    @Override
    String expectedReplayStore() {
        return "memory";
    }

    @Override
    String expectedMetricsLine() {
        return "TrustCaptcha metrics: MicroProfile Metrics (the application's registry)";
    }
}
