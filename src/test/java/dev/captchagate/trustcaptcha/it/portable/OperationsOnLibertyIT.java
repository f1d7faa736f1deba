package dev.captchagate.trustcaptcha.it.portable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Health and metrics on Open Liberty with {@code mpHealth-4.0} and {@code mpMetrics-5.1} added to the library's
 * features: both on the HTTP port; {@code /metrics} without its default authentication (a test server on loopback).
 */
class OperationsOnLibertyIT extends OperationsOnMicroProfileMetrics {

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
    String expectedReplayStore() {
        return "memory";
    }
}
