package dev.captchagate.trustcaptcha.it.portable;

import static dev.captchagate.trustcaptcha.it.TestWars.apiConfig;
import static dev.captchagate.trustcaptcha.it.TestWars.filter;
import static dev.captchagate.trustcaptcha.it.TestWars.param;
import static dev.captchagate.trustcaptcha.it.TestWars.war;
import static dev.captchagate.trustcaptcha.it.TestWars.webXml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.captchagate.trustcaptcha.it.Http;
import dev.captchagate.trustcaptcha.it.app.DecisionRecorder;
import dev.captchagate.trustcaptcha.it.app.EchoServlet;
import dev.captchagate.trustcaptcha.it.app.EventsServlet;
import dev.captchagate.trustcaptcha.testing.Answer;
import dev.captchagate.trustcaptcha.testing.FakeTrustCaptchaApi;
import dev.captchagate.trustcaptcha.testing.Results;
import dev.captchagate.trustcaptcha.testing.Tokens;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What an operator sees, on a real server, through the server's own endpoints: the health checks and the metrics
 * after a scripted sequence (accepted, refused for every reason, monitor mode, an outage that opens the breaker),
 * every figure and state checked. One subclass per kind of server: MicroProfile Metrics (Payara), MicroProfile
 * Telemetry exported by OTLP to a receiver on loopback (WildFly).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OperationsSuite {

    private static final String JSON = "application/json";
    /** How long a figure may take to show (an export interval, a scrape). */
    private static final Duration SHOW = Duration.ofSeconds(30);

    final ServerProcess server;
    FakeTrustCaptchaApi fake;
    Http http;
    private Instant started;

    OperationsSuite(ServerProcess server) {
        this.server = server;
    }

    /** @return the base of the server's health endpoints ({@code .../health/}) */
    abstract URI health();

    /** @return what the metrics show now, by Prometheus-like key with the tags sorted, scope tags left out */
    abstract Map<String, Double> metrics();

    /** @return the name the replay evictions go by: a gauge in MicroProfile Metrics, a counter in OpenTelemetry */
    abstract String evictionsName();

    /** @return the replay store this server's defaults give */
    abstract String expectedReplayStore();

    /** @return the start-up line that says where metrics go */
    abstract String expectedMetricsLine();

    /** @return configuration the WAR needs on this server beyond the library's (OpenTelemetry's export) */
    Map<String, String> extraConfig() {
        return Map.of();
    }

    /** Starts what must run before the server (an OTLP receiver). */
    void beforeServer() throws Exception {
    }

    /** Stops it. */
    void afterServer() {
    }

    @BeforeAll
    void start() throws Exception {
        fake = FakeTrustCaptchaApi.start();
        beforeServer();
        Map<String, String> config = apiConfig(fake.url(), "trustcaptcha.resilience.breaker-delay", "PT120S",
                "trustcaptcha.privacy.omit-personal-data", "true");
        config.putAll(extraConfig());
        WebArchive ops = war("ops", config).addClasses(EchoServlet.class, EventsServlet.class, DecisionRecorder.class)
                .setWebXML(new StringAsset(webXml("", filter("captcha", List.of("/api/*"), "")
                        + filter("watch", List.of("/other/*"), param("mode", "monitor")))));
        Path wars = Files.createDirectories(server.work.resolveSibling(server.work.getFileName() + "-ops-wars"));
        Path file = wars.resolve(ops.getName());
        ops.as(ZipExporter.class).exportTo(file.toFile(), true);
        started = Instant.now();
        server.start(List.of(file));
        http = Http.at(server.baseUri());
    }

    @AfterAll
    void stop() throws Exception {
        try {
            server.close();
        } finally {
            try {
                afterServer();
            } finally {
                if (fake != null) {
                    fake.close();
                }
            }
        }
    }

    @Test
    void healthAndMetricsShowEveryDecisionTheCallsAndAnOutage() throws Exception {
        // The start-up check asked for a random id once; TrustCaptcha's 404 said the key is accepted.
        JsonObject ready = awaitCheck("ready", check -> "accepted".equals(data(check).get("api-key")));
        assertTrue(fake.requests().stream().anyMatch(request -> request.path().matches(
                ".*/v2/verifications/[0-9a-f-]{36}/results") && !isVector(request.path())),
                "the key check asked for a random verification id: " + fake.requests());
        assertEquals(Map.of("application", "/ops", "breaker", "closed", "last-failure", "none", "calls-in-flight",
                "0", "concurrency-refused", "0", "replay-store", expectedReplayStore(), "api-key", "accepted",
                "down-when-unreachable", "false"), pick(data(ready), "application", "breaker", "last-failure",
                "calls-in-flight", "concurrency-refused", "replay-store", "api-key", "down-when-unreachable"));
        assertFalse(data(ready).containsKey("last-failure-at"));
        Instant keyAt = Instant.parse(data(ready).get("api-key-at"));
        assertTrue(!keyAt.isBefore(started.minusSeconds(1)) && !keyAt.isAfter(Instant.now()), keyAt.toString());
        JsonObject startup = awaitCheck("started", check -> true);
        assertEquals("UP", startup.getString("status"));
        assertEquals(Map.of("configuration", "valid", "configuration-problems", "0", "api-key", "present"),
                data(startup));
        assertTrue(server.log().contains(expectedMetricsLine()), "the start-up line says where metrics go");

        // The scripted sequence: one of each.
        String accepted = human();
        assertStatus(200, post("/ops/api/echo", accepted));
        assertStatus(403, post("/ops/api/echo", null)); // token-missing
        assertStatus(403, post("/ops/api/echo", Tokens.INVALID_BASE64));
        assertStatus(403, post("/ops/api/echo", accepted)); // token-replayed
        assertStatus(403, post("/ops/api/echo", Tokens.NOT_FOUND));
        assertStatus(403, post("/ops/api/echo", Tokens.NOT_FINISHED));
        assertStatus(403, post("/ops/api/echo", Tokens.EXPIRED));
        assertStatus(403, post("/ops/api/echo", Tokens.LIMIT_REACHED));
        assertStatus(403, post("/ops/api/echo", token(Results::bot)));
        assertStatus(403, post("/ops/api/echo", token(Results::failed)));
        assertStatus(200, post("/ops/other/echo", token(Results::bot))); // monitor mode: unenforced

        // Privacy: the events carry no client address (and their results no personal data, unit-tested).
        JsonArray events;
        try (jakarta.json.JsonReader reader = jakarta.json.Json.createReader(new java.io.StringReader(http.get(
                "/ops/events?delivery=sync&path=/ops/other/echo&code=score-too-high&waitMs=10000").body()))) {
            events = reader.readArray();
        }
        assertFalse(events.isEmpty());
        for (JsonValue event : events) {
            assertEquals("null", event.asJsonObject().getString("client"), event.toString());
        }

        // An outage: every call finds TrustCaptcha unavailable, a probe confirms it, the breaker opens.
        // One at a time, until the breaker leaves "closed": the calls before it opened are each made and fail.
        fake.answerEverything(Answer.status(503));
        int failed = 0;
        do {
            assertStatus(503, post("/ops/api/echo", Tokens.of(UUID.randomUUID())));
            failed++;
        } while (failed < 20 && "closed".equals(data(awaitCheck("ready", check -> true)).get("breaker")));
        // The window held the 8 answered calls of the sequence: half of the last 16 failed after the 8th failure.
        assertEquals(8, failed, "failed calls before the breaker confirmed the outage");
        JsonObject open = awaitCheck("ready", check -> "open".equals(data(check).get("breaker")));
        Instant before = Instant.now();
        assertStatus(503, post("/ops/api/echo", Tokens.of(UUID.randomUUID()))); // circuit-open, refused early
        assertEquals("UP", open.getString("status"), "readiness stays UP during an outage by default");
        Map<String, String> outage = data(open);
        assertEquals("unavailable", outage.get("last-failure"));
        Instant failedAt = Instant.parse(outage.get("last-failure-at"));
        assertTrue(failedAt.isAfter(keyAt) && !failedAt.isAfter(before), failedAt + " not in " + keyAt + ".." + before);
        assertEquals("0", outage.get("calls-in-flight"));
        int limit = Integer.parseInt(outage.get("concurrency-limit"));
        int upper = Integer.parseInt(outage.get("concurrency-limit-upper"));
        assertTrue(limit >= Math.min(10, upper) && limit <= upper, "limit " + limit + " of " + upper);
        assertEquals("accepted", outage.get("api-key"));

        Map<String, Double> expected = new TreeMap<>();
        decision(expected, "captcha", "accepted", true);
        for (String refusal : List.of("token-missing", "token-invalid", "token-replayed", "verification-not-found",
                "verification-not-finished", "verification-expired", "retrieval-limit-reached", "score-too-high",
                "verification-failed", "circuit-open")) {
            decision(expected, "captcha", refusal, true);
        }
        expected.put("trustcaptcha_decisions_total{enforced=true,filter=captcha,outcome=unavailable}", (double) failed);
        decision(expected, "watch", "score-too-high", false);
        // Calls: 4 results (the human, the two bots, the failed one), one of each 4xx, the failed ones (the key
        // check and the probe are not verifications).
        expected.put("trustcaptcha_calls_duration_seconds_count{kind=result}", 4.0);
        for (String kind : List.of("verification-not-found", "verification-not-finished", "verification-expired",
                "retrieval-limit-reached")) {
            expected.put("trustcaptcha_calls_duration_seconds_count{kind=" + kind + "}", 1.0);
        }
        expected.put("trustcaptcha_calls_duration_seconds_count{kind=unavailable}", (double) failed);
        expected.put("trustcaptcha_calls_in_flight", 0.0);
        expected.put("trustcaptcha_concurrency_limit", (double) limit);
        expected.put("trustcaptcha_concurrency_refused_total", 0.0);
        for (String state : List.of("closed", "confirming", "open", "half-open")) {
            expected.put("trustcaptcha_breaker_state{state=" + state + "}", state.equals("open") ? 1.0 : 0.0);
        }
        expected.put("trustcaptcha_breaker_transitions_total{state=closed}", 0.0);
        expected.put("trustcaptcha_breaker_transitions_total{state=confirming}", 1.0);
        expected.put("trustcaptcha_breaker_transitions_total{state=open}", 1.0);
        expected.put("trustcaptcha_breaker_transitions_total{state=half-open}", 0.0);
        expected.put("trustcaptcha_replay_failures_total", 0.0);
        expected.put(evictionsName(), 0.0);

        Map<String, Double> shown = awaitMetrics(metrics -> metrics.keySet().containsAll(expected.keySet())
                && expected.entrySet().stream().allMatch(entry -> entry.getValue()
                        .equals(metrics.get(entry.getKey()))));
        Map<String, Double> ours = new TreeMap<>();
        shown.forEach((key, value) -> {
            // The timer's count is compared; its sum is checked below; its other series (maximum, mean,
            // quantiles, buckets) differ by server.
            if (key.startsWith("trustcaptcha_") && !key.contains("_seconds_sum") && !key.contains("_seconds_max")
                    && !key.contains("quantile") && !key.contains("_seconds_mean") && !key.contains("_seconds{")
                    && !key.contains("_seconds_bucket") && !key.equals("trustcaptcha_calls_duration_seconds")) {
                ours.put(key, value);
            }
        });
        assertEquals(expected, ours, "every metric and nothing else");
        double resultSeconds = shown.get("trustcaptcha_calls_duration_seconds_sum{kind=result}");
        assertTrue(resultSeconds > 0 && resultSeconds < 4 * 8, "4 calls took " + resultSeconds + " s");
    }

    private static boolean isVector(String path) {
        return path.contains("/00000000-0000-0000-0000-00000000000");
    }

    private static void decision(Map<String, Double> expected, String filter, String outcome, boolean enforced) {
        expected.put("trustcaptcha_decisions_total{enforced=" + enforced + ",filter=" + filter + ",outcome=" + outcome
                + "}", 1.0);
    }

    private String human() {
        return token(Results::human);
    }

    private String token(java.util.function.Function<UUID, String> result) {
        UUID id = UUID.randomUUID();
        fake.answer(id, Answer.result(result.apply(id)));
        return Tokens.of(id);
    }

    private HttpResponse<String> post(String path, String token) {
        return http.post(path, JSON, token == null ? "{}" : "{\"verificationToken\":\"" + token + "\"}");
    }

    private static void assertStatus(int status, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
    }

    /** The check {@code trustcaptcha} of a health endpoint, once it satisfies a condition (by a deadline). */
    private JsonObject awaitCheck(String endpoint, Predicate<JsonObject> condition) {
        return await(() -> {
            HttpResponse<String> response = Http.at(health()).get(endpoint);
            JsonObject answer = Http.json(response);
            for (JsonValue check : answer.getJsonArray("checks")) {
                if (check.asJsonObject().getString("name").equals("trustcaptcha")) {
                    return check.asJsonObject();
                }
            }
            throw new AssertionError("no check trustcaptcha in " + answer);
        }, condition, "/health/" + endpoint);
    }

    private Map<String, Double> awaitMetrics(Predicate<Map<String, Double>> condition) {
        return await(this::metrics, condition, "the metrics");
    }

    private static <T> T await(Supplier<T> read, Predicate<T> condition, String what) {
        long deadline = System.nanoTime() + SHOW.toNanos();
        T last = null;
        while (System.nanoTime() - deadline < 0) {
            try {
                last = read.get();
                if (condition.test(last)) {
                    return last;
                }
            } catch (AssertionError | RuntimeException notYet) {
                last = null;
            }
            try {
                Thread.sleep(100); // polling a server's endpoint: a condition with a deadline
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return fail(what + " did not show what was expected within " + SHOW.toSeconds() + " s; last: " + last);
    }

    /** A check's data, every value as text (Payara prints numbers and booleans as strings). */
    static Map<String, String> data(JsonObject check) {
        Map<String, String> data = new LinkedHashMap<>();
        JsonObject object = check.getJsonObject("data");
        if (object != null) {
            object.forEach((key, value) -> data.put(key, value.getValueType() == JsonValue.ValueType.STRING
                    ? ((jakarta.json.JsonString) value).getString() : value.toString()));
        }
        return data;
    }

    private static Map<String, String> pick(Map<String, String> data, String... keys) {
        Map<String, String> picked = new LinkedHashMap<>();
        for (String key : keys) {
            picked.put(key, data.get(key));
        }
        return picked;
    }

    /** {@code name{tag="value",...} value}. */
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})? (\\S+)$");
    private static final Pattern TAG = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /**
     * The application scope of MicroProfile Metrics on the server's HTTP port (Payara, Open Liberty).
     *
     * @return every sample by Prometheus name and sorted tags
     */
    Map<String, Double> metricsOnTheHttpPort() {
        HttpResponse<String> response = get(server.baseUri().resolve("/metrics?scope=application"));
        if (response.statusCode() != 200) {
            throw new AssertionError("/metrics?scope=application answered " + response.statusCode());
        }
        return prometheus(response.body());
    }

    /** Prometheus text, every sample by name and sorted tags, the scope tag left out. */
    static Map<String, Double> prometheus(String text) {
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

    /** An HTTP GET for a whole body, for the subclasses. */
    static HttpResponse<String> get(URI uri) {
        return Http.at(uri).send(HttpRequest.newBuilder(uri).GET());
    }
}
