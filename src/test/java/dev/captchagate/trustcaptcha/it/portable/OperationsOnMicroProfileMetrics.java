package dev.captchagate.trustcaptcha.it.portable;

import java.net.URI;
import java.util.Map;

/**
 * The operations suite on a server with MicroProfile Health and MicroProfile Metrics on its HTTP port
 * ({@code /health}, {@code /metrics?scope=application}, Prometheus text): Payara, Open Liberty.
 */
abstract class OperationsOnMicroProfileMetrics extends OperationsSuite {

    OperationsOnMicroProfileMetrics(ServerProcess server) {
        super(server);
    }

    @Override
    URI health() {
        return server.baseUri().resolve("/health/");
    }

    @Override
    Map<String, Double> metrics() {
        return metricsOnTheHttpPort();
    }

    @Override
    String evictionsName() {
        return "trustcaptcha_replay_evictions"; // a gauge: MicroProfile Metrics has no counter read from a function
    }

    @Override
    String expectedMetricsLine() {
        return "TrustCaptcha metrics: MicroProfile Metrics (the application's registry)";
    }
}
