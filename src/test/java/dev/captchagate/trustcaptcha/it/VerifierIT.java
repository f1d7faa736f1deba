package dev.captchagate.trustcaptcha.it;

import static dev.captchagate.trustcaptcha.it.TestWars.apiConfig;
import static dev.captchagate.trustcaptcha.it.TestWars.withoutKeyCheck;
import static dev.captchagate.trustcaptcha.it.TestWars.config;
import static dev.captchagate.trustcaptcha.it.TestWars.war;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.captchagate.trustcaptcha.it.app.VerifyServlet;
import dev.captchagate.trustcaptcha.testing.Answer;
import dev.captchagate.trustcaptcha.testing.FakeTrustCaptchaApi;
import dev.captchagate.trustcaptcha.testing.Results;
import dev.captchagate.trustcaptcha.testing.StalledListener;
import dev.captchagate.trustcaptcha.testing.Tokens;
import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The verifier on a real Payara Micro, injected into a servlet of a WAR that carries the packaged jar, talking over
 * HTTP to the fake TrustCaptcha API on 127.0.0.1. One server start serves five more WARs
 * ({@link TestServer#alsoDeploy}): two with the user's own timeouts, one whose API host never accepts connections,
 * one that reaches the API through a proxy, and one without an API key, whose deployment must fail.
 */
@ServerIT
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VerifierIT {

    private static final String KEY = FakeTrustCaptchaApi.API_KEY;

    @Loopback
    static FakeTrustCaptchaApi fake;

    /** The target of the redirects and of a token's own API endpoint: it must see nothing, over the whole class. */
    @Loopback(resetAfterEach = false)
    static FakeTrustCaptchaApi canary;

    @Loopback
    static StalledListener stalled;

    @ArquillianResource
    private URL deployment;

    @Deployment(testable = false)
    static WebArchive deployment() {
        TestServer.alsoDeploy(
                // The read timeout is far from the deadline (2500 + 1200 ms), so that even on a busy machine the read
                // timeout ends a silent call, not the deadline (measured: with 700 + 1200 ms, once under load 17).
                war("short-timeouts", withoutKeyCheck(apiConfig(fake.url(),
                        "trustcaptcha/mp-rest/connectTimeout", "2500", "trustcaptcha/mp-rest/readTimeout", "1200")))
                        .addClass(VerifyServlet.class),
                war("stalled-defaults", apiConfig(stalled.url()))
                        .addClass(VerifyServlet.class),
                war("stalled-short", apiConfig(stalled.url(), "trustcaptcha/mp-rest/connectTimeout", "500"))
                        .addClass(VerifyServlet.class),
                war("missing-key", config("trustcaptcha/mp-rest/url", fake.url()))
                        .addClass(VerifyServlet.class),
                war("proxied", withoutKeyCheck(apiConfig("http://api.trustcaptcha.test",
                        "trustcaptcha/mp-rest/proxyAddress", "127.0.0.1:" + fake.port())))
                        .addClass(VerifyServlet.class));
        // The tests count the calls the fake receives.
        return war("verifier", withoutKeyCheck(apiConfig(fake.url())))
                .addClass(VerifyServlet.class);
    }

    @Test
    @Order(1)
    void fetchesTheResultOfTheVendorsValidTokenWithTheBearerKeyAndUserAgent() {
        JsonObject answer = verify("verifier", Tokens.VALID);

        JsonObject result = answer.getJsonObject("result");
        assertEquals(FakeTrustCaptchaApi.VALID.toString(), result.getString("verificationId"), answer.toString());
        assertEquals(Results.CAPTCHA_ID.toString(), result.getString("captchaId"));
        assertTrue(result.getBoolean("verificationPassed"));
        assertEquals(0.1, result.getJsonNumber("score").doubleValue());
        assertEquals("https://shop.example.com", result.getString("origin"));
        assertEquals("2026-11-23T10:30:31.456Z", result.getString("resultExpiresAt"));
        assertFalse(result.containsKey("someFutureMember"));

        List<FakeTrustCaptchaApi.Request> requests = fake.requests();
        assertEquals(1, requests.size());
        FakeTrustCaptchaApi.Request request = requests.get(0);
        assertEquals("GET", request.method());
        assertEquals("/v2/verifications/00000000-0000-0000-0000-000000000000/results", request.path());
        assertEquals("", request.query());
        assertEquals("Bearer " + KEY, request.header("Authorization"));
        String userAgent = request.header("User-Agent");
        assertTrue(userAgent.startsWith("Trustcaptcha/"), userAgent);
        String product = userAgent.substring("Trustcaptcha/".length(), userAgent.indexOf(' '));
        String decoded = new String(Base64.getDecoder().decode(product), StandardCharsets.UTF_8);
        assertTrue(decoded.startsWith("{\"language\":\"jvm\",\"version\":\""), decoded);
    }

    @Test
    @Order(2)
    void mapsTheVendorsErrorVectorsToTypedFailures() {
        assertFailure("VERIFICATION_NOT_FOUND", "verification-not-found", "HTTP 404", verify("verifier", Tokens.NOT_FOUND));
        assertFailure("VERIFICATION_NOT_FINISHED", "verification-not-finished", "HTTP 423",
                verify("verifier", Tokens.NOT_FINISHED));
        assertFailure("VERIFICATION_EXPIRED", "verification-expired", "HTTP 410", verify("verifier", Tokens.EXPIRED));
        assertFailure("RETRIEVAL_LIMIT_REACHED", "retrieval-limit-reached", "HTTP 429",
                verify("verifier", Tokens.LIMIT_REACHED));
        assertEquals(4, fake.requests().size());
    }

    @Test
    @Order(3)
    void decidesInvalidTokensWithoutAnyRequest() {
        String apiEndpointToken = Tokens.base64("{\"apiEndpoint\":\"" + canary.url() + "\"}");
        for (String token : new String[] {Tokens.INVALID_BASE64, Tokens.NOT_JSON, Tokens.NO_ID, "", apiEndpointToken,
            "x".repeat(5000)}) {
            assertFailure("TOKEN_INVALID", "token-invalid", "not a verification token", verify("verifier", token));
        }
        assertEquals(List.of(), fake.requests());
        assertEquals(List.of(), canary.requests());
    }

    @Test
    @Order(4)
    void asksForAClientFailoverResultAndMaps412ToFailoverRejected() {
        UUID id = UUID.randomUUID();
        assertFailure("FAILOVER_REJECTED", "failover-rejected", "HTTP 412", verify("verifier", Tokens.failover(id)));
        FakeTrustCaptchaApi.Request request = fake.requestsFor(id).get(0);
        assertEquals("clientFailover=true", request.query());
    }

    @Test
    @Order(5)
    void mapsARefusedApiKeyToApiKeyInvalid() {
        fake.acceptKey("ak_another_key");
        assertFailure("API_KEY_INVALID", "verification-unavailable", "HTTP 403", verify("verifier", Tokens.VALID));
    }

    @Test
    @Order(6)
    void bindsBotFailedAndGatewayFailoverResults() {
        UUID bot = UUID.randomUUID();
        UUID failed = UUID.randomUUID();
        UUID gateway = UUID.randomUUID();
        fake.answer(bot, Answer.result(Results.bot(bot)))
                .answer(failed, Answer.result(Results.failed(failed)))
                .answer(gateway, Answer.result(Results.gatewayFailover(gateway)));

        assertEquals(0.9, verify("verifier", Tokens.of(bot)).getJsonObject("result").getJsonNumber("score")
                .doubleValue());
        assertFalse(verify("verifier", Tokens.of(failed)).getJsonObject("result").getBoolean("verificationPassed"));
        JsonObject gatewayResult = verify("verifier", Tokens.of(gateway)).getJsonObject("result");
        assertTrue(gatewayResult.getBoolean("gatewayFailoverActive"));
        assertEquals("FAILOVER", gatewayResult.getString("decisionType"));
    }

    @Test
    @Order(7)
    void aResultIsFetchedOnceAndNeverRetried() {
        UUID once = UUID.randomUUID();
        fake.answer(once, Answer.resultOnce(Results.human(once)));
        assertEquals(once.toString(), verify("verifier", Tokens.of(once)).getJsonObject("result")
                .getString("verificationId"));
        assertFailure("RETRIEVAL_LIMIT_REACHED", "retrieval-limit-reached", "HTTP 429",
                verify("verifier", Tokens.of(once)));

        for (int status : new int[] {500, 501, 502, 503, 504, 505}) {
            UUID id = UUID.randomUUID();
            fake.answer(id, Answer.body(status, "text/plain", "try again"));
            // Only a gateway's 502, 503 and 504 say that TrustCaptcha cannot be reached; a 500 is TrustCaptcha
            // answering, badly.
            assertFailure(status >= 502 && status <= 504 ? "UNAVAILABLE" : "UNEXPECTED_RESPONSE",
                    "verification-unavailable", "HTTP " + status, verify("verifier", Tokens.of(id)));
            assertEquals(1, fake.requestsFor(id).size(), "a " + status + " must not be retried");
        }
    }

    @Test
    @Order(8)
    void neverFollowsARedirect() {
        for (int status : new int[] {301, 302, 303, 307, 308}) {
            UUID id = UUID.randomUUID();
            fake.answer(id, Answer.redirect(canary.url() + "/v2/verifications/" + id + "/results"));
            JsonObject answer = verify("verifier", Tokens.of(id));
            assertEquals("UNEXPECTED_RESPONSE", answer.getString("failure"), answer.toString());
        }
        assertEquals(List.of(), canary.requests(), "the redirect target must see nothing");
    }

    @Test
    @Order(9)
    void findsNoResultInUnreadableAnswersAndNeverTakesThemForAnOutage() {
        assertUnexpected(Answer.body(200, "application/json", "{\"verificationPassed\":tru"),
                "the answer's body is not a verification result");
        assertUnexpected(Answer.body(200, "text/html", "<html><body>Please log in</body></html>"),
                "the answer's body is not a verification result");
        assertUnexpected(Answer.status(200), "the answer's body is not a verification result");
        byte[] huge = new byte[10 * 1024 * 1024];
        Arrays.fill(huge, (byte) ' ');
        huge[0] = '{';
        assertUnexpected(Answer.body(200, "application/json", huge),
                "the answer's body is larger than 65536 bytes");
    }

    @Test
    @Order(10)
    void theVendorsReadTimeoutAppliesWhenNothingIsSet() {
        UUID id = UUID.randomUUID();
        fake.answer(id, Answer.silence());
        JsonObject answer = verify("verifier", Tokens.of(id));
        assertFailure("UNAVAILABLE", "verification-unavailable", "read timed out", answer);
        assertElapsedBetween(answer, 4_500, 7_500);
        assertEquals(1, fake.requestsFor(id).size());
    }

    @Test
    @Order(11)
    void theVendorsConnectTimeoutAppliesWhenNothingIsSet() {
        JsonObject answer = verify("stalled-defaults", Tokens.VALID);
        assertFailure("UNAVAILABLE", "verification-unavailable", "connect timed out", answer);
        assertElapsedBetween(answer, 2_500, 5_000);
    }

    @Test
    @Order(12)
    void theUsersTimeoutsWinWhenSet() {
        UUID id = UUID.randomUUID();
        fake.answer(id, Answer.silence());
        JsonObject read = verify("short-timeouts", Tokens.of(id));
        assertFailure("UNAVAILABLE", "verification-unavailable", "read timed out", read);
        assertElapsedBetween(read, 1_000, 3_500); // the default read timeout would take 5000 ms

        JsonObject connect = verify("stalled-short", Tokens.VALID);
        assertFailure("UNAVAILABLE", "verification-unavailable", "connect timed out", connect);
        assertElapsedBetween(connect, 400, 2_500); // the default connect timeout would take 3000 ms
    }

    @Test
    @Order(13)
    void aDrippingAnswerIsCutOffAtTheDeadline() {
        UUID id = UUID.randomUUID();
        // 100 ms per byte: each read is well within the read timeout, the whole body would take over a minute.
        fake.answer(id, Answer.result(Results.human(id)).dripping(Duration.ofMillis(100)));
        JsonObject answer = verify("short-timeouts", Tokens.of(id));
        assertEquals("UNAVAILABLE", answer.getString("failure"), answer.toString());
        // Deadline: 2500 ms connect + 1200 ms read. An upper bound that proves nothing hangs, not a benchmark.
        assertElapsedBetween(answer, 3_600, 5_700);
    }

    @Test
    @Order(14)
    void goesThroughTheConfiguredProxy() {
        // The API host does not even resolve: only the proxy (the fake, answering as TrustCaptcha) is reached.
        JsonObject answer = verify("proxied", Tokens.VALID);
        assertEquals(FakeTrustCaptchaApi.VALID.toString(), answer.getJsonObject("result").getString("verificationId"),
                answer.toString());
        FakeTrustCaptchaApi.Request request = fake.requests().get(0);
        assertEquals("http://api.trustcaptcha.test/v2/verifications/00000000-0000-0000-0000-000000000000/results",
                request.path(), "a proxy gets the absolute URI");
        assertEquals("Bearer " + KEY, request.header("Authorization"));
    }

    @Test
    @Order(15)
    void aMissingApiKeyFailsTheDeploymentNamingTheKey() {
        assertEquals(404, Http.at(deployment).post("/missing-key/verify", "text/plain", Tokens.VALID).statusCode());
        assertTrue(ServerLog.text().contains("TrustCaptcha configuration is invalid (1 problem):\n - "
                + "trustcaptcha.api-key is missing or blank: set it to your TrustCaptcha API key (ak_...), for example "
                + "with the environment variable TRUSTCAPTCHA_API_KEY"), "the deployment failure was not logged");
    }

    @Test
    @Order(16)
    void logsTheEffectiveSettingsAndWarnsAboutPlainHttpButNeverTheKey() {
        String log = ServerLog.text();
        assertTrue(log.contains("TrustCaptcha client: url " + fake.url() + ", connect timeout 3000 ms, read timeout "
                + "5000 ms, deadline 8000 ms, circuit breaker open for 5000 ms once an outage "
                + "is confirmed, at most 60 requests let through unverified a minute while it is open (where a policy "
                + "allows it), API key ak_*** (52 characters)"), "no startup line with the defaults");
        assertTrue(log.contains("TrustCaptcha API " + fake.url() + " is reached over plain HTTP"), "no warning");
        assertFalse(log.contains(KEY.substring(3)), "the API key appears in the log");
    }

    private JsonObject verify(String application, String token) {
        return Http.json(Http.at(deployment).post("/" + application + "/verify", "text/plain", token));
    }

    private void assertUnexpected(Answer answer, String detail) {
        UUID id = UUID.randomUUID();
        fake.answer(id, answer);
        assertFailure("UNEXPECTED_RESPONSE", "verification-unavailable", detail, verify("verifier", Tokens.of(id)));
    }

    private static void assertFailure(String failure, String code, String detail, JsonObject answer) {
        assertEquals(failure, answer.getString("failure", null), answer.toString());
        assertEquals(code, answer.getString("code"), answer.toString());
        assertEquals(detail, answer.getString("detail"), answer.toString());
        assertNull(answer.get("result"), answer.toString());
    }

    private static void assertElapsedBetween(JsonObject answer, long min, long max) {
        long elapsed = answer.getJsonNumber("elapsedMs").longValue();
        assertTrue(elapsed >= min && elapsed <= max, "took " + elapsed + " ms, expected " + min + ".." + max);
    }
}
