package dev.captchagate.trustcaptcha.it.portable;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Health and metrics on Payara Micro 6, with its defaults: MicroProfile Health and MicroProfile Metrics on the HTTP
 * port ({@code /health}, {@code /metrics?scope=application}, Prometheus text).
 */
class OperationsOnPayara6IT extends OperationsSuite {

    /** {@code name{tag="value",...} value}. */
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})? (\\S+)$");
    private static final Pattern TAG = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    OperationsOnPayara6IT() {
        super(Servers.payara6());
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
        return parse(response.body());
    }

    /** Prometheus text, every sample by name and sorted tags, the scope tag left out. */
    static Map<String, Double> parse(String text) {
        Map<String, Double> samples = new TreeMap<>();
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line.strip());
            if (line.startsWith("#") || !sample.matches()) {
                continue;
            }
            Map<String, String> tags = new TreeMap<>();
            if (sample.group(2) != null) {
                Matcher tag = TAG.matcher(sample.group(2));
                while (tag.find()) {
                    if (!tag.group(1).equals("mp_scope")) {
                        tags.put(tag.group(1), tag.group(2));
                    }
                }
            }
            samples.put(sample.group(1) + (tags.isEmpty() ? "" : tags.toString().replace(", ", ",")),
                    Double.parseDouble(sample.group(3)));
        }
        return samples;
    }

    @Override
    String evictionsName() {
        return "trustcaptcha_replay_evictions";
    }

    @Override
    String expectedReplayStore() {
        return "jcache:trustcaptcha-replay";
    }

    @Override
    String expectedMetricsLine() {
        return "TrustCaptcha metrics: MicroProfile Metrics (the application's registry)";
    }
}
