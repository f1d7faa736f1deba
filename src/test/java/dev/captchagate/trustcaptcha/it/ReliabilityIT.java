package dev.captchagate.trustcaptcha.it;

import static dev.captchagate.trustcaptcha.it.TestWars.apiConfig;
import static dev.captchagate.trustcaptcha.it.TestWars.config;
import static dev.captchagate.trustcaptcha.it.TestWars.war;
import static dev.captchagate.trustcaptcha.it.TestWars.with;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.captchagate.trustcaptcha.it.app.DiagnosticsServlet;
import dev.captchagate.trustcaptcha.it.app.EchoServlet;
import dev.captchagate.trustcaptcha.it.app.VerifyServlet;
import dev.captchagate.trustcaptcha.testing.Answer;
import dev.captchagate.trustcaptcha.testing.FakeTrustCaptchaApi;
import dev.captchagate.trustcaptcha.testing.Hostile;
import dev.captchagate.trustcaptcha.testing.Results;
import dev.captchagate.trustcaptcha.testing.Tokens;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Reliability on a real Payara Micro: a failing upstream in every way (each answered as documented within the
 * deadline, and a thousand such calls leaving no threads, sockets or heap behind), a load of 20,000 requests with
 * every answer checked, a sample of the hostile requests of the property tests sent byte for byte, and a deployment
 * with many wrong settings reported at once.
 */
@ServerIT
class ReliabilityIT {

    /**
     * The chaos WAR's deadline: 1000 ms connect + 1500 ms read. Short, so that the suite stays fast, but long enough
     * that a healthy answer is never late when the machine is busy (measured: at 500 ms, a 429 came late once under a
     * load average of 25).
     */
    private static final Duration DEADLINE = Duration.ofMillis(2500);

    /** What "within the deadline" allows on top, for the container and the HTTP round trip. */
    private static final Duration MARGIN = Duration.ofMillis(1500);

    @Loopback
    static FakeTrustCaptchaApi fake;

    /** The target of the redirects: it must see nothing, over the whole class. */
    @Loopback(resetAfterEach = false)
    static FakeTrustCaptchaApi canary;

    @ArquillianResource
    private URL deployment;

    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> chaos = apiConfig(fake.url(),
                "trustcaptcha/mp-rest/connectTimeout", "1000", "trustcaptcha/mp-rest/readTimeout", "1500",
                "trustcaptcha.resilience.breaker-delay", "PT0S");
        TestServer.alsoDeploy(
                war("chaos", chaos).addClass(VerifyServlet.class),
                war("chaos-refused", with(chaos, "trustcaptcha/mp-rest/url", FakeTrustCaptchaApi.refusedUrl()))
                        .addClass(VerifyServlet.class),
                war("misconfigured", config(
                        "trustcaptcha/mp-rest/url", "api.trustcomponent.com",
                        "trustcaptcha/mp-rest/readTimeout", "-5",
                        "trustcaptcha/mp-rest/followRedirects", "true",
                        "trustcaptcha.resilience.max-concurrent", "0",
                        "trustcaptcha.body.max-bytes", "-1",
                        "trustcaptcha.policy.max-score", "1.5",
                        "trustcaptcha.policy.allowed-origins", "shop.example.com",
                        "trustcaptcha.token.json-pointer", "captcha/token",
                        "trustcaptcha.filter.url-patterns", "api/*",
                        "trustcaptcha.mode", "report",
                        "trustcaptcha.replay.ttl", "15m",
                        "trustcaptcha.polcy.max-score", "0.3")).addClass(VerifyServlet.class));
        return war("reliable", apiConfig(fake.url(),
                "trustcaptcha.filter.url-patterns", "/json/*", "trustcaptcha.body.max-bytes", "4096"))
                .addClasses(EchoServlet.class, DiagnosticsServlet.class);
    }

    // --- a failing upstream ------------------------------------------------------------------------------------------

    /** A way for TrustCaptcha to fail, and what the verifier must make of it. */
    private record Failure(String name, Supplier<Answer> answer, String failure, boolean refused) {
    }

    private static final List<Failure> FAILURES = List.of(
            new Failure("connection refused", null, "UNAVAILABLE", true),
            new Failure("accept then silence", Answer::silence, "UNAVAILABLE", false),
            new Failure("one byte at a time", () -> Answer.result(Results.human(UUID.randomUUID()))
                    .dripping(Duration.ofMillis(100)), "UNAVAILABLE", false),
            new Failure("10 MB", () -> Answer.body(200, "application/json", tenMegabytes()), "UNEXPECTED_RESPONSE",
                    false),
            new Failure("malformed JSON", () -> Answer.body(200, "application/json", "{\"verificationPassed\":tr"),
                    "UNEXPECTED_RESPONSE", false),
            new Failure("HTML with 200", () -> Answer.body(200, "text/html", "<html><body>Login</body></html>"),
                    "UNEXPECTED_RESPONSE", false),
            new Failure("score on another scale", () -> Answer.result(Results.json(UUID.randomUUID(), false, 50,
                    "https://shop.example.com", false)), "UNEXPECTED_RESPONSE", false),
            new Failure("redirect", () -> Answer.redirect(canary.url() + "/v2/verifications/x/results"),
                    "UNEXPECTED_RESPONSE", false),
            new Failure("500", () -> Answer.status(500), "UNEXPECTED_RESPONSE", false),
            new Failure("502", () -> Answer.status(502), "UNAVAILABLE", false),
            new Failure("503", () -> Answer.body(503, "text/plain", "maintenance"), "UNAVAILABLE", false),
            new Failure("429", () -> Answer.status(429), "RETRIEVAL_LIMIT_REACHED", false));

    private static byte[] tenMegabytes;

    private static synchronized byte[] tenMegabytes() {
        if (tenMegabytes == null) {
            tenMegabytes = new byte[10 * 1024 * 1024];
            Arrays.fill(tenMegabytes, (byte) ' ');
            tenMegabytes[0] = '{';
        }
        return tenMegabytes;
    }

    @Test
    void answersEveryUpstreamFailureAsDocumentedWithinTheDeadline() {
        for (Failure failure : FAILURES) {
            long start = System.nanoTime();
            JsonObject answer = call(failure);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(failure.failure(), answer.getString("failure", null), failure.name() + ": " + answer);
            assertTrue(took.compareTo(DEADLINE.plus(MARGIN)) <= 0,
                    failure.name() + " took " + took.toMillis() + " ms, more than the deadline and a margin");
        }
        assertEquals(List.of(), canary.requests(), "a redirect was followed");
    }

    @Test
    void aThousandFailingCallsInParallelLeaveNoThreadsSocketsOrHeapBehind() throws Exception {
        failingCalls(200); // warm up: pools, connections and caches reach their working size
        JsonObject before = diagnostics();
        failingCalls(1000);
        JsonObject after = settled(before);

        assertThreadsStable(before, after);
        assertTrue(after.getJsonNumber("openFiles").longValue() <= before.getJsonNumber("openFiles").longValue() + 16,
                "open files grew from " + before.get("openFiles") + " to " + after.get("openFiles"));
        long heapGrowth = after.getJsonNumber("heapUsed").longValue() - before.getJsonNumber("heapUsed").longValue();
        assertTrue(heapGrowth <= 32L * 1024 * 1024, "heap grew by " + heapGrowth / 1024 / 1024 + " MB");
        assertEquals(List.of(), canary.requests(), "a redirect was followed");
    }

    /**
     * The threads outside the container's HTTP pool grew by at most a few; the HTTP pool (which grows with the
     * number of connections, up to its configured maximum) stayed within its maximum of 200.
     */
    private static void assertThreadsStable(JsonObject before, JsonObject after) {
        int httpBefore = httpThreads(before);
        int httpAfter = httpThreads(after);
        int otherBefore = before.getInt("threads") - httpBefore;
        int otherAfter = after.getInt("threads") - httpAfter;
        assertTrue(otherAfter <= otherBefore + 8, "threads outside the HTTP pool grew from " + otherBefore + " to "
                + otherAfter + ": " + before.get("threadsByName") + " -> " + after.get("threadsByName"));
        assertTrue(httpAfter <= 200, "the HTTP pool grew past its maximum: " + httpAfter);
    }

    private static int httpThreads(JsonObject diagnostics) {
        return diagnostics.getJsonObject("threadsByName").entrySet().stream()
                .filter(entry -> entry.getKey().startsWith("http-thread-pool"))
                .mapToInt(entry -> ((jakarta.json.JsonNumber) entry.getValue()).intValue()).sum();
    }

    /**
     * Calls through the failure kinds in turn, 8 at a time, and checks each answer. Timeouts and refused connections
     * shrink the adaptive concurrency limit down to its floor of 10 (and the chaos WAR has no breaker): 8 at a time
     * stay below it, so that every call is made and classified, never refused as our own saturation.
     */
    private void failingCalls(int count) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Failure failure = FAILURES.get(i % FAILURES.size());
                calls.add(clients.submit(() -> {
                    JsonObject answer = call(failure);
                    assertEquals(failure.failure(), answer.getString("failure", null), failure.name() + ": " + answer);
                }));
            }
            for (Future<?> call : calls) {
                call.get(60, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private JsonObject call(Failure failure) {
        UUID id = UUID.randomUUID();
        if (failure.answer() != null) {
            fake.answer(id, failure.answer().get());
        }
        String war = failure.refused() ? "chaos-refused" : "chaos";
        return Http.json(Http.at(deployment).post("/" + war + "/verify", "text/plain", Tokens.of(id)));
    }

    /**
     * The diagnostics once workers still finishing their last reads are done (at most a few seconds): the server
     * joins the threads that were not there before until the count is within the bound, or 10 seconds have passed.
     */
    private JsonObject settled(JsonObject before) {
        int most = before.getInt("threads") - httpThreads(before) + 8;
        String known = before.getJsonArray("otherThreadIds").stream().map(Object::toString)
                .collect(java.util.stream.Collectors.joining(","));
        return Http.json(Http.at(deployment).get("/reliable/diagnostics?settle=" + most + "&known=" + known
                + "&waitMs=10000"));
    }

    private JsonObject diagnostics() {
        return Http.json(Http.at(deployment).get("/reliable/diagnostics"));
    }

    // --- load without loss -------------------------------------------------------------------------------------------

    @Test
    void twentyThousandRequestsAtSixtyFourConnectionsGetEveryDecisionRight() throws Exception {
        load(2_000); // warm up: the container's and the library's pools reach their working size
        JsonObject before = diagnostics();
        Duration took = load(20_000);
        JsonObject after = diagnostics();
        assertThreadsStable(before, after);
        long heapGrowth = after.getJsonNumber("heapUsed").longValue() - before.getJsonNumber("heapUsed").longValue();
        assertTrue(heapGrowth <= 32L * 1024 * 1024, "heap grew by " + heapGrowth / 1024 / 1024 + " MB");
        System.out.println("load: 20000 requests in " + took.toMillis() + " ms");
    }

    /** Sends a mix of requests, 64 at a time, and checks every answer; returns how long it took. */
    private Duration load(int requests) throws Exception {
        int concurrency = 64;
        Duration latency = Duration.ofMillis(20);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        URI endpoint = Http.at(deployment).uri("/reliable/json/echo");
        ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        Map<String, AtomicInteger> kinds = new ConcurrentHashMap<>();
        Semaphore inFlight = new Semaphore(concurrency);
        long start = System.nanoTime();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            String kind;
            String token;
            String expected;
            UUID id = UUID.randomUUID();
            switch (i % 10) {
                case 0:
                case 1:
                    kind = "bot";
                    fake.answer(id, Answer.result(Results.bot(id)).after(latency));
                    token = Tokens.of(id);
                    expected = "403 score-too-high";
                    break;
                case 2:
                    kind = "expired";
                    fake.answer(id, Answer.status(410).after(latency));
                    token = Tokens.of(id);
                    expected = "403 verification-expired";
                    break;
                case 3: {
                    String earlier = accepted.poll();
                    kind = earlier == null ? "malformed" : "replayed";
                    token = earlier == null ? "not a token " + i : earlier;
                    expected = earlier == null ? "403 token-invalid" : "403 token-replayed";
                    break;
                }
                case 4:
                    kind = "malformed";
                    token = Base64.getEncoder().encodeToString(("{\"verificationId\":" + i + "}").getBytes());
                    expected = "403 token-invalid";
                    break;
                default:
                    kind = "good";
                    fake.answer(id, Answer.result(Results.human(id)).after(latency));
                    token = Tokens.of(id);
                    expected = "200 accepted";
            }
            kinds.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
            inFlight.acquire();
            HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"verificationToken\":\"" + token + "\"}")).build();
            all.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
                inFlight.release();
                String got = failure != null ? "failed " + failure : response.statusCode() + " " + code(response);
                if (!got.equals(expected)) {
                    wrong.add(kind + ": expected " + expected + ", got " + got);
                } else if (kind.equals("good")) {
                    accepted.add(token);
                }
                return null;
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture<?>[]::new)).get(5, TimeUnit.MINUTES);
        assertEquals(List.of(), List.copyOf(wrong).subList(0, Math.min(wrong.size(), 10)),
                wrong.size() + " wrong answers of " + requests + " (" + kinds + ")");
        assertTrue(kinds.get("replayed").get() > requests / 20, "too few replays tried: " + kinds);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static String code(HttpResponse<String> response) {
        if (response.statusCode() == 200) {
            return Http.json(response).getString("decisionCdi");
        }
        return Http.json(response).getString("code", "?");
    }

    // --- hostile requests, byte for byte -------------------------------------------------------------------------------

    @Test
    void aSampleOfHostileRequestsIsAnsweredWithinTheInvariants() {
        Hostile hostile = Hostile.stream(3);
        int port = deployment.getPort();
        int handedOn = 0;
        List<String> closedWithoutAnswer = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Hostile.Body body = hostile.body(4096);
            for (UUID id : body.validIds()) {
                fake.answer(id, Answer.result(Results.human(id)));
            }
            List<String> headers = new ArrayList<>();
            if (body.contentType() != null) {
                headers.add("Content-Type: " + body.contentType());
            }
            if (body.header() != null && !body.header().isBlank() && body.header().chars().allMatch(c -> c >= 0x20
                    && c < 0x7f)) {
                headers.add("X-TrustCaptcha-Token: " + body.header());
            }
            String message = "seed " + Hostile.SEED + ", case " + i + ": " + body;
            RawHttp.Response response = RawHttp.post(port, "/reliable/json/echo?read=stream", headers, body.bytes(),
                    body.declared());
            if (response.status() == RawHttp.NO_ANSWER) {
                // A client that declares more than it sends and then hangs up gets no answer from the container.
                if (body.declared() <= body.bytes().length) {
                    closedWithoutAnswer.add(message);
                }
                continue;
            }
            assertTrue(response.status() < 500, "answered " + response.status() + "; " + message);
            if (response.status() == 200 && body.declared() == body.bytes().length) {
                handedOn++;
                JsonObject echo = Http.json(new TextResponse(response));
                assertArrayEquals(body.bytes(), Base64.getDecoder().decode(echo.getString("body")),
                        "the application read other bytes; " + message);
            }
        }
        assertTrue(handedOn >= 5, "too few requests handed on to compare: " + handedOn);
        assertEquals(List.of(), closedWithoutAnswer, "the server closed connections without an answer");
    }

    /** A raw response as the HTTP helper's response type, for its JSON reader. */
    private record TextResponse(RawHttp.Response raw) implements HttpResponse<String> {
        @Override
        public int statusCode() {
            return raw.status();
        }

        @Override
        public String body() {
            return new String(raw.body(), java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public HttpRequest request() {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.util.Optional<HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true);
        }

        @Override
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return java.util.Optional.empty();
        }

        @Override
        public URI uri() {
            throw new UnsupportedOperationException();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }

    // --- misconfiguration ----------------------------------------------------------------------------------------------

    @Test
    void everyWrongSettingIsReportedAtDeploymentAtOnceWithItsKeyAndValue() {
        assertEquals(404, Http.at(deployment).post("/misconfigured/verify", "text/plain", "x").statusCode());
        String expected = "TrustCaptcha configuration is invalid (13 problems):\n"
                + " - trustcaptcha.polcy.max-score: unknown key, did you mean trustcaptcha.policy.max-score?\n"
                + " - trustcaptcha.api-key is missing or blank: set it to your TrustCaptcha API key (ak_...), for "
                + "example with the environment variable TRUSTCAPTCHA_API_KEY\n"
                + " - trustcaptcha/mp-rest/url: expected an absolute http or https URL with a host and no query, such as "
                + "https://api.trustcomponent.com, found 'api.trustcomponent.com'\n"
                + " - trustcaptcha/mp-rest/readTimeout: expected a positive number of milliseconds, found '-5'\n"
                + " - trustcaptcha/mp-rest/followRedirects: redirects are never followed (a redirect could carry the API "
                + "key to another host); remove the key or set it to false, found 'true'\n"
                + " - trustcaptcha.resilience.max-concurrent: expected a whole number from 1 to 10000, found '0'\n"
                + " - trustcaptcha.token.json-pointer: expected an RFC 6901 JSON Pointer that starts with / such as "
                + "/captcha/token, found 'captcha/token'\n"
                + " - trustcaptcha.body.max-bytes: expected a whole number from 1 to 16777216, found '-1'\n"
                + " - trustcaptcha.policy.max-score: expected a number from 0.0 to 1.0, found '1.5'\n"
                + " - trustcaptcha.policy.allowed-origins: expected origins such as https://shop.example.com, separated "
                + "by commas, found 'shop.example.com'\n"
                + " - trustcaptcha.mode: expected enforce or monitor, found 'report'\n"
                + " - trustcaptcha.filter.url-patterns: expected servlet URL patterns such as /api/*, /login or *.do, "
                + "separated by commas, found 'api/*'\n"
                + " - trustcaptcha.replay.ttl: expected a positive ISO-8601 duration such as PT15M, found '15m'";
        assertTrue(ServerLog.awaitText(expected), "the deployment failure was not reported at once, as expected");
    }
}
