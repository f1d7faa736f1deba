package dev.captchagate.trustcaptcha.it;

import static dev.captchagate.trustcaptcha.it.TestWars.apiConfig;
import static dev.captchagate.trustcaptcha.it.TestWars.filter;
import static dev.captchagate.trustcaptcha.it.TestWars.param;
import static dev.captchagate.trustcaptcha.it.TestWars.servlet;
import static dev.captchagate.trustcaptcha.it.TestWars.war;
import static dev.captchagate.trustcaptcha.it.TestWars.webXml;
import static dev.captchagate.trustcaptcha.it.TestWars.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The policy on a real Payara Micro: per-instance settings in one web.xml, every policy code and the precedence
 * rules, replay protection (in Payara's JCache), monitor mode, the decision events, and failing open or closed when
 * TrustCaptcha is down or slow.
 */
@ServerIT
class PolicyIT {

    private static final String SHOP = "https://shop.example.com";
    private static final List<String> AREAS = List.of("default", "strict", "lenient", "guarded", "monitor", "boom");

    @Loopback
    static FakeTrustCaptchaApi fake;

    @ArquillianResource
    private URL deployment;

    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> base = apiConfig(fake.url());
        // Nothing listens there: connection refused.
        Map<String, String> unreachable = apiConfig(FakeTrustCaptchaApi.refusedUrl(),
                "trustcaptcha.filter.url-patterns", "/json/*");
        Map<String, String> slow = with(with(base, "trustcaptcha/mp-rest/readTimeout", "500"),
                "trustcaptcha.filter.url-patterns", "/json/*");
        TestServer.alsoDeploy(
                war("open-down", with(unreachable, "trustcaptcha.policy.allow-when-unreachable", "true"))
                        .addClass(EchoServlet.class),
                war("closed-down", unreachable).addClass(EchoServlet.class),
                war("open-slow", with(slow, "trustcaptcha.policy.allow-when-unreachable", "true"))
                        .addClass(EchoServlet.class),
                war("closed-slow", slow).addClass(EchoServlet.class),
                war("other-ttl", with(with(base, "trustcaptcha.replay.ttl", "PT10M"),
                        "trustcaptcha.filter.url-patterns", "/json/*")).addClass(EchoServlet.class),
                war("undeclared-cache", with(with(base, "trustcaptcha.replay.cache", "trustcaptcha-replay-undeclared"),
                        "trustcaptcha.filter.url-patterns", "/json/*")).addClass(EchoServlet.class));
        StringBuilder filters = new StringBuilder()
                .append(filter("default", List.of("/default/*"), ""))
                .append(filter("strict", List.of("/strict/*"), param("policy.max-score", "0.2")))
                .append(filter("lenient", List.of("/lenient/*"), param("policy.max-score", "0.95")))
                .append(filter("guarded", List.of("/guarded/*"), param("policy.allowed-origins", SHOP)
                        + param("policy.reject-gateway-failover", "true")))
                .append(filter("monitor", List.of("/monitor/*"), param("mode", "monitor")))
                .append(filter("boom", List.of("/boom/*"), ""));
        String echo = servlet("policy-echo", EchoServlet.class, AREAS.stream().map(area -> "/" + area + "/echo").toList());
        return war("policy", base)
                .addClasses(EchoServlet.class, EventsServlet.class, DecisionRecorder.class, DecisionRecorder.Seen.class)
                .setWebXML(new StringAsset(webXml("", filters + echo)));
    }

    @Test
    void twoInstancesWithDifferentMaximumScoresRefuseAndAcceptTheSameBot() {
        assertRefused(post("/policy/strict/echo", scripted(Results.json(UUID.randomUUID(), true, 0.3, SHOP, false))),
                403, "score-too-high");
        assertAccepted(post("/policy/lenient/echo", scripted(Results.json(UUID.randomUUID(), true, 0.9, SHOP, false))));
        assertRefused(post("/policy/default/echo", scripted(Results.json(UUID.randomUUID(), true, 0.9, SHOP, false))),
                403, "score-too-high");
        assertAccepted(post("/policy/default/echo", scripted(Results.json(UUID.randomUUID(), true, 0.5, SHOP, false))));
        assertTrue(ServerLog.awaitText("TrustCaptcha filter 'strict': checks POST, PUT, PATCH, DELETE; token from "
                + "header X-TrustCaptcha-Token, JSON /verificationToken, form field tc-verification-token; bodies up to "
                + "65536 bytes; refusals answer 403; max score 0.2"));
    }

    @Test
    void refusesOriginsAndGatewayFailoverInTheContractsOrder() {
        assertRefused(post("/policy/guarded/echo", scripted(Results.json(UUID.randomUUID(), true, 0.1,
                "https://evil.example", false))), 403, "origin-not-allowed");
        assertRefused(post("/policy/guarded/echo", scripted(Results.json(UUID.randomUUID(), true, 0.1, null, false))),
                403, "origin-not-allowed");
        assertRefused(post("/policy/guarded/echo", scripted(Results.json(UUID.randomUUID(), true, 0.1, SHOP, true))),
                403, "gateway-failover-rejected");
        assertAccepted(post("/policy/guarded/echo", scripted(Results.json(UUID.randomUUID(), true, 0.1,
                "HTTPS://Shop.Example.com:443", false))));
        // Precedence: failed before score, score before origin, origin before gateway failover.
        assertRefused(post("/policy/guarded/echo", scripted(Results.json(UUID.randomUUID(), false, 0.9,
                "https://evil.example", true))), 403, "verification-failed");
        assertRefused(post("/policy/guarded/echo", scripted(Results.json(UUID.randomUUID(), true, 0.9,
                "https://evil.example", true))), 403, "score-too-high");
        assertRefused(post("/policy/guarded/echo", scripted(Results.json(UUID.randomUUID(), true, 0.1,
                "https://evil.example", true))), 403, "origin-not-allowed");
        // Gateway failover passes where it is not refused: the vendor's default.
        assertAccepted(post("/policy/default/echo", scripted(Results.gatewayFailover(UUID.randomUUID()))));
    }

    @Test
    void refusesAReplayedTokenWithoutAskingTrustCaptchaAndUsesPayarasJCache() {
        UUID id = UUID.randomUUID();
        fake.answer(id, Answer.result(Results.human(id)));
        assertAccepted(post("/policy/default/echo", Tokens.of(id)));
        assertRefused(post("/policy/default/echo", Tokens.of(id)), 403, "token-replayed");
        assertRefused(post("/policy/strict/echo", Tokens.of(id)), 403, "token-replayed");
        assertEquals(1, fake.requestsFor(id).size(), "the replays never reached TrustCaptcha");

        UUID notFinished = UUID.randomUUID();
        fake.answer(notFinished, Answer.status(423));
        assertRefused(post("/policy/default/echo", Tokens.of(notFinished)), 403, "verification-not-finished");
        fake.answer(notFinished, Answer.result(Results.human(notFinished)));
        assertAccepted(post("/policy/default/echo", Tokens.of(notFinished)));

        assertTrue(ServerLog.awaitText("TrustCaptcha replay protection: JCache 'trustcaptcha-replay' (found, "),
                "Payara's JCache was not used");
        assertTrue(ServerLog.awaitText("at most 250000 ids, each for PT15M, evictions watched"),
                "the start-up line does not state the declared capacity and expiry");
    }

    @Test
    void aCacheTheServerDoesNotDeclareIsCreatedWithTheCapacitySetOnHazelcast() {
        UUID id = UUID.randomUUID();
        fake.answer(id, Answer.result(Results.human(id)));
        assertEquals(200, post("/undeclared-cache/json/echo", Tokens.of(id)).statusCode());
        assertRefused(post("/undeclared-cache/json/echo", Tokens.of(id)), 403, "token-replayed");
        assertTrue(ServerLog.awaitText("TrustCaptcha replay protection: JCache 'trustcaptcha-replay-undeclared' "
                + "(created, com.hazelcast.cache.impl.HazelcastServerCachingProvider), at most 250000 ids, each for "
                + "PT15M, evictions watched"), "the library did not set the capacity itself");
    }

    @Test
    void aReplayCacheWithAnotherExpiryFailsTheDeploymentInsteadOfKeepingIt() {
        assertEquals(404, Http.at(deployment).post("/other-ttl/json/echo", "application/json", "{}").statusCode());
        assertTrue(ServerLog.awaitText("TrustCaptcha: the JCache 'trustcaptcha-replay' exists and keeps each entry "
                + "for PT15M, but trustcaptcha.replay.ttl is PT10M"), "the mismatch was not reported");
    }

    @Test
    void monitorModeLetsABotAndAMissingTokenThroughAndPublishesTheDecision() {
        JsonObject bot = Http.json(post("/policy/monitor/echo",
                scripted(Results.json(UUID.randomUUID(), true, 0.9, SHOP, false))));
        assertEquals("score-too-high", bot.getString("decisionCdi"));
        assertEquals("none", bot.getString("resultCdi"), "a refused result is not the request's result");

        HttpResponse<String> missing = Http.at(deployment).post("/policy/monitor/echo", "application/json", "{}");
        assertEquals(200, missing.statusCode());
        assertEquals("token-missing", Http.json(missing).getString("decisionCdi"));
        assertTrue(ServerLog.awaitText("TrustCaptcha would refuse POST /policy/monitor/echo: token-missing "
                + "(no token in the JSON body); monitor mode, let through"));
        JsonObject event = awaitEvent("async", "/policy/monitor/echo", "token-missing");
        assertFalse(event.getBoolean("enforced"));
    }

    @Test
    void observersReceiveEveryDecisionSynchronouslyAndAsynchronously() {
        String token = human();
        assertAccepted(post("/policy/default/echo", token));
        assertRefused(Http.at(deployment).post("/policy/default/echo", "application/json", "{\"x\":1}"), 403,
                "token-missing");
        for (String delivery : new String[] {"sync", "async"}) {
            JsonObject accepted = awaitEvent(delivery, "/policy/default/echo", "accepted");
            assertTrue(accepted.getBoolean("enforced"));
            assertEquals("POST", accepted.getString("method"));
            assertEquals("127.0.0.1", accepted.getString("client"));
            awaitEvent(delivery, "/policy/default/echo", "token-missing");
        }
        assertFalse(Http.at(deployment).get("/policy/events").body().contains(token), "an event carries the token");
    }

    @Test
    void anObserverThatThrowsChangesNoDecision() {
        assertAccepted(post("/policy/boom/echo", human()));
        assertRefused(post("/policy/boom/echo", scripted(Results.bot(UUID.randomUUID()))), 403, "score-too-high");
        assertTrue(ServerLog.awaitText("TrustCaptcha: an observer of DecisionEvent failed; the decision stands"));
    }

    @Test
    void failsOpenOnlyWhereAllowedAndOnlyOnceTheBreakerHasConfirmedTheOutage() {
        // One failed call never fails open: each request is refused until the breaker has seen ten failures and its
        // probe has confirmed that TrustCaptcha is unreachable.
        for (int i = 0; i < 10; i++) {
            assertRefused(timed(() -> post("/open-down/json/echo", Tokens.of(UUID.randomUUID())),
                    Duration.ofSeconds(3)), 503, "verification-unavailable");
        }
        JsonObject open = awaitUnverified("/open-down/json/echo");
        assertEquals("accepted-unverified", open.getString("decisionCdi"));
        assertEquals("none", open.getString("resultCdi"));
        for (int i = 0; i < 12; i++) {
            assertRefused(timed(() -> post("/closed-down/json/echo", Tokens.of(UUID.randomUUID())),
                    Duration.ofSeconds(3)), 503, "verification-unavailable");
        }
        // Never for a missing or invalid token.
        assertRefused(Http.at(deployment).post("/open-down/json/echo", "application/json", "{}"), 403,
                "token-missing");
        assertRefused(post("/open-down/json/echo", Tokens.NOT_JSON), 403, "token-invalid");
        assertTrue(ServerLog.awaitText("TrustCaptcha is unreachable (confirmed by a probe)"));
        assertTrue(ServerLog.awaitText("TrustCaptcha let POST /open-down/json/echo through unverified: "
                + "TrustCaptcha is unreachable (circuit open: TrustCaptcha is unreachable, next try in "));
    }

    @Test
    void oneSlowOrUnreadableAnswerIsRefusedEvenWhereFailingOpenIsAllowed() {
        UUID open = UUID.randomUUID();
        UUID closed = UUID.randomUUID();
        fake.answer(open, Answer.silence()).answer(closed, Answer.silence());
        // Read timeout 500 ms: the answer comes within it plus a margin (an upper bound, not a benchmark).
        assertRefused(timed(() -> post("/open-slow/json/echo", Tokens.of(open)), Duration.ofSeconds(3)),
                503, "verification-unavailable");
        assertRefused(timed(() -> post("/closed-slow/json/echo", Tokens.of(closed)), Duration.ofSeconds(3)),
                503, "verification-unavailable");

        // A 200 that is not a valid result (an API that moved to a 0..100 score, a non-UUID id, not JSON) is no
        // outage: refused, even when its body says the verification passed or failed.
        for (String body : List.of(
                Results.json(UUID.randomUUID(), false, 50, SHOP, false),
                Results.json(UUID.randomUUID(), true, 50, SHOP, false),
                Results.human(UUID.randomUUID()).replaceFirst("\"verificationId\":\"[^\"]+\"",
                        "\"verificationId\":\"not-a-uuid\""),
                "<html>maintenance</html>")) {
            UUID id = UUID.randomUUID();
            fake.answer(id, Answer.body(200, "application/json", body));
            assertRefused(post("/open-slow/json/echo", Tokens.of(id)), 503, "verification-unavailable");
        }

        // An unexpected answer or our key refused is no outage: refused even where failing open is allowed.
        UUID redirected = UUID.randomUUID();
        fake.answer(redirected, Answer.redirect("http://127.0.0.1:1/"));
        assertRefused(post("/open-slow/json/echo", Tokens.of(redirected)), 503, "verification-unavailable");
        fake.acceptKey("ak_another");
        assertRefused(post("/open-slow/json/echo", human()), 503, "verification-unavailable");
    }

    /** Posts fresh tokens until one passes unverified (the breaker's probe has ended); each one before is refused. */
    private JsonObject awaitUnverified(String path) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            HttpResponse<String> response = post(path, Tokens.of(UUID.randomUUID()));
            if (response.statusCode() == 200) {
                return Http.json(response);
            }
            assertRefused(response, 503, "verification-unavailable");
            assertTrue(System.nanoTime() < deadline, "the breaker did not open within 10 s");
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------------------

    private HttpResponse<String> post(String path, String token) {
        return Http.at(deployment).post(path, "application/json", "{\"verificationToken\":\"" + token + "\"}");
    }

    private static String human() {
        return scripted(Results.human(UUID.randomUUID()));
    }

    private static String scripted(String resultJson) {
        UUID id = UUID.fromString(resultJson.replaceAll(".*\"verificationId\":\"([^\"]+)\".*", "$1"));
        fake.answer(id, Answer.result(resultJson));
        return Tokens.of(id);
    }

    private static HttpResponse<String> timed(java.util.function.Supplier<HttpResponse<String>> call, Duration max) {
        long start = System.nanoTime();
        HttpResponse<String> response = call.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(max) <= 0, "took " + took.toMillis() + " ms, more than " + max.toMillis());
        return response;
    }

    private JsonObject awaitEvent(String delivery, String path, String code) {
        // The application waits by condition for the event (asynchronous observers run on another thread), for at
        // most 10 seconds, and then lists what it has seen.
        JsonArray events = Json.array(Http.at(deployment).get("/policy/events?waitMs=10000&delivery=" + delivery
                + "&path=" + path + "&code=" + code));
        for (JsonValue value : events) {
            JsonObject event = value.asJsonObject();
            if (event.getString("delivery").equals(delivery) && event.getString("path").equals(path)
                    && event.getString("code").equals(code)) {
                return event;
            }
        }
        throw new AssertionError("no " + delivery + " event " + code + " for " + path + " in " + events);
    }

    private static void assertAccepted(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        assertNotEquals("none", Http.json(response).getString("resultCdi"));
    }

    private static void assertRefused(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(null));
        assertEquals(code, Http.json(response).getString("code"));
    }

    /** JSON arrays from responses. */
    private static final class Json {
        static JsonArray array(HttpResponse<String> response) {
            return jakarta.json.Json.createReader(new java.io.StringReader(response.body())).readArray();
        }
    }
}
