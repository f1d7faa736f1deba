package dev.captchagate.trustcaptcha.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.captchagate.trustcaptcha.VerificationResult;
import dev.captchagate.trustcaptcha.internal.client.ResultJson;
import dev.captchagate.trustcaptcha.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The sandbox's protocol without any server: both sides, proof of work, once-only, expiry, key check, CORS. */
class SandboxApiTest {

    private static final String ORIGIN = "http://localhost:8080";

    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final SandboxApi api = new SandboxApi(clock);

    // --- the widget's side -------------------------------------------------------------------------------------

    @Test
    void aSolvedChallengeGivesATokenForAResultThatIsHandedOutOnce() {
        Map<String, Object> challenge = challenge(SandboxOutcome.HUMAN.siteKey());
        assertEquals((double) TrustCaptchaSandbox.DIFFICULTY, challenge.get("difficulty"));
        List<?> tasks = (List<?>) challenge.get("tasks");
        assertEquals(TrustCaptchaSandbox.TASKS, tasks.size());

        SandboxApi.Response finished = post("/v2/verifications/" + challenge.get("verificationId") + "/challenges",
                solutions(challenge));
        assertEquals(201, finished.status(), finished.text());
        Map<?, ?> done = (Map<?, ?>) Json.parseObject(finished.text()).get("finished");
        assertEquals((double) Duration.ofMinutes(15).toMillis(), done.get("expiresInMs"));
        assertTrue((Double) done.get("expiresInMs") > 30_000, "the widget resets 30 s before expiry");

        String token = (String) done.get("verificationToken");
        Map<String, Object> decoded = decode(token);
        assertEquals(challenge.get("verificationId"), decoded.get("verificationId"));
        assertEquals("2026-11-23T10:15:00Z", decoded.get("expiresAt"));

        SandboxApi.Response first = result((String) decoded.get("verificationId"), TrustCaptchaSandbox.API_KEY, "");
        assertEquals(200, first.status(), first.text());
        VerificationResult result = ResultJson.parse(first.body()).orElseThrow();
        assertEquals(UUID.fromString((String) decoded.get("verificationId")), result.verificationId());
        assertTrue(result.verificationPassed());
        assertEquals(0.1, result.score());
        assertFalse(result.gatewayFailoverActive());
        assertEquals(ORIGIN, result.origin(), "the origin of the page the widget ran on");
        assertEquals("127.0.0.1", result.ipAddress());
        assertEquals("2026-11-23T10:15:00Z", result.resultExpiresAt());

        assertEquals(429, result((String) decoded.get("verificationId"), TrustCaptchaSandbox.API_KEY, "").status(),
                "a result is handed out once");
    }

    @Test
    void aWrongProofIs409AndTheVerificationStaysUnfinished() {
        Map<String, Object> challenge = challenge(SandboxOutcome.HUMAN.siteKey());
        String id = (String) challenge.get("verificationId");
        List<?> tasks = (List<?>) challenge.get("tasks");
        String input = (String) ((Map<?, ?>) tasks.get(0)).get("input");
        String wrong = "tcn0";
        for (int n = 0; SandboxApi.ProofOfWork.solves(input, wrong, TrustCaptchaSandbox.DIFFICULTY); n++) {
            wrong = "tcn" + n;
        }
        String body = solutions(challenge).replaceFirst("\"nonce\":\"[^\"]*\"", "\"nonce\":\"" + wrong + "\"");

        assertEquals(409, post("/v2/verifications/" + id + "/challenges", body).status());
        assertEquals(409, post("/v2/verifications/" + id + "/challenges", "{\"tasks\":[]}").status(),
                "no solutions at all");
        assertEquals(409, post("/v2/verifications/" + id + "/challenges",
                solutions(challenge).replace("\"number\":2", "\"number\":1")).status(), "a task left out");
        assertEquals(423, result(id, TrustCaptchaSandbox.API_KEY, "").status(), "not finished");

        assertEquals(201, post("/v2/verifications/" + id + "/challenges", solutions(challenge)).status(),
                "the right proof still works");
        assertEquals(404, post("/v2/verifications/" + id + "/challenges", solutions(challenge)).status(),
                "but only once");
    }

    @Test
    void theProofOfWorkIsTheWidgets() {
        // SHA-256 over the decoded input followed by "tcn<n>": checked against an independent computation.
        String input = Base64.getEncoder().encodeToString("sandbox".getBytes(StandardCharsets.UTF_8));
        String nonce = SandboxApi.ProofOfWork.solve(input, 12);
        assertTrue(nonce.matches("tcn\\d+"));
        assertTrue(SandboxApi.ProofOfWork.solves(input, nonce, 12));
        int n = Integer.parseInt(nonce.substring(3));
        for (int i = 0; i < n; i++) {
            assertFalse(SandboxApi.ProofOfWork.solves(input, "tcn" + i, 12), "the first solution is found");
        }
        assertEquals(0, SandboxApi.ProofOfWork.leadingZeroBits(new byte[] {(byte) 0x80, 0}));
        assertEquals(7, SandboxApi.ProofOfWork.leadingZeroBits(new byte[] {1, 0}));
        assertEquals(9, SandboxApi.ProofOfWork.leadingZeroBits(new byte[] {0, 0x40}));
        assertEquals(16, SandboxApi.ProofOfWork.leadingZeroBits(new byte[] {0, 0}));
        assertFalse(SandboxApi.ProofOfWork.solves("not base64!", "tcn0", 0));
    }

    @Test
    void anUnknownSiteKeyOrAMalformedBodyIsRefused() {
        assertEquals(404, post("/v2/verifications", "{\"siteKey\":\"" + UUID.randomUUID() + "\"}").status());
        assertEquals(404, post("/v2/verifications", "{}").status());
        assertEquals(400, post("/v2/verifications", "{\"siteKey\":").status());
        assertEquals(400, post("/v2/verifications", "[]").status());
        assertEquals(404, post("/v2/verifications/" + UUID.randomUUID() + "/challenges", "{}").status());
        assertEquals(404, post("/v2/verifications/nope/challenges", "{}").status());
        assertEquals(404, request("GET", "/v1/elsewhere", null, Map.of()).status());
        assertEquals(405, request("GET", "/v2/verifications", null, Map.of()).status());
        assertEquals(405, request("POST", "/v2/verifications/" + UUID.randomUUID() + "/results", "",
                Map.of()).status());
    }

    @Test
    void theWidgetCallsAnswerCorsAndItsPreflight() {
        SandboxApi.Response preflight = request("OPTIONS", "/v2/verifications", null, Map.of("Origin", ORIGIN,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type"));
        assertEquals(204, preflight.status());
        assertEquals(ORIGIN, preflight.headers().get("Access-Control-Allow-Origin"));
        assertEquals("POST", preflight.headers().get("Access-Control-Allow-Methods"));
        assertEquals("content-type", preflight.headers().get("Access-Control-Allow-Headers"));

        Map<String, Object> challenge = challenge(SandboxOutcome.HUMAN.siteKey());
        SandboxApi.Response challengePreflight = request("OPTIONS",
                "/v2/verifications/" + challenge.get("verificationId") + "/challenges", null,
                Map.of("Origin", "http://127.0.0.1:5173", "Access-Control-Request-Method", "POST"));
        assertEquals(204, challengePreflight.status());
        assertEquals("http://127.0.0.1:5173", challengePreflight.headers().get("Access-Control-Allow-Origin"));
        assertEquals("Content-Type", challengePreflight.headers().get("Access-Control-Allow-Headers"));

        SandboxApi.Response refused = post("/v2/verifications", "{\"siteKey\":\"" + UUID.randomUUID() + "\"}");
        assertEquals(ORIGIN, refused.headers().get("Access-Control-Allow-Origin"),
                "refusals carry CORS too, or the widget cannot read them");
        assertNull(request("GET", "/v2/verifications/" + UUID.randomUUID() + "/results", null,
                Map.of("Origin", ORIGIN, "Authorization", "Bearer " + TrustCaptchaSandbox.API_KEY))
                .headers().get("Access-Control-Allow-Origin"), "the result API is for servers, not pages");
    }

    // --- the result API ----------------------------------------------------------------------------------------

    @Test
    void theResultApiChecksTheKeyFirst() {
        String id = decode(api.token(SandboxOutcome.HUMAN)).get("verificationId").toString();
        assertEquals(403, result(id, "invalid-key", "").status());
        assertEquals(403, result(id, TrustCaptchaSandbox.API_KEY + "x", "").status());
        assertEquals(403, request("GET", "/v2/verifications/" + id + "/results", null, Map.of()).status());
        assertEquals(403, result(SandboxApi.vector(0).toString(), "invalid-key", "").status());
        assertEquals(200, result(id, TrustCaptchaSandbox.API_KEY, "").status(), "a 403 does not use up the result");
        String other = decode(api.token(SandboxOutcome.HUMAN)).get("verificationId").toString();
        assertEquals(200, result(other, TrustCaptchaSandbox.VENDOR_TEST_API_KEY, "").status());
        // The library's start-up key check asks for a random id: 404 says the key is accepted, 403 that it is not.
        String random = java.util.UUID.randomUUID().toString();
        assertEquals(404, result(random, TrustCaptchaSandbox.API_KEY, "").status());
        assertEquals(403, result(random, "invalid-key", "").status());
    }

    @Test
    void theVendorTestVectorsAnswerAsTheLiveApi() {
        for (int round = 0; round < 2; round++) {
            SandboxApi.Response valid = result(SandboxApi.vector(0).toString(),
                    TrustCaptchaSandbox.VENDOR_TEST_API_KEY, "");
            assertEquals(200, valid.status(), "the valid vector is not used up");
            assertEquals(SandboxApi.vector(0), ResultJson.parse(valid.body()).orElseThrow().verificationId());
            assertEquals(404, result(SandboxApi.vector(1).toString(), TrustCaptchaSandbox.API_KEY, "").status());
            assertEquals(423, result(SandboxApi.vector(2).toString(), TrustCaptchaSandbox.API_KEY, "").status());
            assertEquals(410, result(SandboxApi.vector(3).toString(), TrustCaptchaSandbox.API_KEY, "").status());
            assertEquals(429, result(SandboxApi.vector(4).toString(), TrustCaptchaSandbox.API_KEY, "").status());
        }
        assertEquals(404, result(UUID.randomUUID().toString(), TrustCaptchaSandbox.API_KEY, "").status());
        assertEquals(404, result("not-a-uuid", TrustCaptchaSandbox.API_KEY, "").status());
    }

    @ParameterizedTest
    @EnumSource(SandboxOutcome.class)
    void eachOutcomeAnswersAsItsSiteKeySays(SandboxOutcome outcome) {
        String id = solveInBrowserStyle(outcome);
        SandboxApi.Response first = result(id, TrustCaptchaSandbox.API_KEY, "");
        SandboxApi.Response second = result(id, TrustCaptchaSandbox.API_KEY, "");
        switch (outcome) {
            case EXPIRED:
                assertEquals(410, first.status());
                assertEquals(410, second.status());
                return;
            case NOT_FINISHED:
                assertEquals(423, first.status());
                assertEquals(423, second.status());
                return;
            default:
                break;
        }
        assertEquals(200, first.status());
        assertEquals(429, second.status());
        VerificationResult result = ResultJson.parse(first.body()).orElseThrow();
        assertEquals(UUID.fromString(outcome.siteKey()), result.captchaId());
        switch (outcome) {
            case HUMAN:
                assertTrue(result.verificationPassed() && result.score() <= 0.5 && !result.gatewayFailoverActive());
                break;
            case BOT:
                assertTrue(result.verificationPassed() && result.score() > 0.5);
                break;
            case FAILED:
                assertFalse(result.verificationPassed());
                break;
            case GATEWAY_FAILOVER:
                assertTrue(result.verificationPassed() && result.gatewayFailoverActive());
                assertEquals("FAILOVER", result.decisionType());
                assertEquals("ALLOW", result.decisionAction());
                break;
            default:
                throw new AssertionError(outcome);
        }
    }

    @Test
    void aClaimedClientFailoverIs412() {
        String id = decode(api.token(SandboxOutcome.HUMAN)).get("verificationId").toString();
        assertEquals(412, result(id, TrustCaptchaSandbox.API_KEY, "clientFailover=true").status());
        assertEquals(412, result(UUID.randomUUID().toString(), TrustCaptchaSandbox.API_KEY,
                "clientFailover=true").status(), "a token the widget minted itself");
        assertEquals(200, result(id, TrustCaptchaSandbox.API_KEY, "clientFailover=false").status());
    }

    @Test
    void aResultExpiresAfterFifteenMinutes() {
        String fresh = decode(api.token(SandboxOutcome.HUMAN)).get("verificationId").toString();
        String late = decode(api.token(SandboxOutcome.HUMAN)).get("verificationId").toString();
        clock.advance(Duration.ofMinutes(15).minusMillis(1));
        assertEquals(200, result(fresh, TrustCaptchaSandbox.API_KEY, "").status());
        clock.advance(Duration.ofMillis(1));
        assertEquals(410, result(late, TrustCaptchaSandbox.API_KEY, "").status());
    }

    @Test
    void mintedTokensAreDistinctAndDecodeLikeTheWidgets() {
        Set<Object> ids = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            Map<String, Object> token = decode(api.token(SandboxOutcome.BOT));
            assertNotNull(UUID.fromString((String) token.get("verificationId")));
            assertTrue(ids.add(token.get("verificationId")));
        }
    }

    @Test
    void itForgetsTheOldestVerificationsBeyondItsCapacity() {
        String oldest = decode(api.token(SandboxOutcome.HUMAN)).get("verificationId").toString();
        String kept = null;
        for (int i = 0; i < SandboxApi.CAPACITY; i++) {
            kept = decode(api.token(SandboxOutcome.HUMAN)).get("verificationId").toString();
        }
        assertEquals(404, result(oldest, TrustCaptchaSandbox.API_KEY, "").status());
        assertEquals(200, result(kept, TrustCaptchaSandbox.API_KEY, "").status());
    }

    @Test
    void theJsonReaderIsStrict() {
        assertEquals(Map.of("a", List.of(1.0, "x\u00e9\n", true), "b", Map.of()),
                Json.parse(" {\"a\":[1,\"x\\u00e9\\n\",true],\"b\":{}} "));
        for (String bad : new String[] {"", "{", "{\"a\":}", "[1,]", "{\"a\":1}x", "\"\u0001\"", "01", "nul",
                "{'a':1}", "[1 2]", "\"\\x\""}) {
            assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[".repeat(Json.MAX_DEPTH + 2)));
        assertEquals("\"a\\\"b\\\\c\\u0001\"", Json.quote("a\"b\\c\u0001"));
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    /** Does what the widget does for a site key, up to the token; returns the verification id. */
    private String solveInBrowserStyle(SandboxOutcome outcome) {
        Map<String, Object> challenge = challenge(outcome.siteKey());
        SandboxApi.Response finished = post("/v2/verifications/" + challenge.get("verificationId") + "/challenges",
                solutions(challenge));
        assertEquals(201, finished.status(), "the widget gets a token for every outcome");
        String token = (String) ((Map<?, ?>) Json.parseObject(finished.text()).get("finished"))
                .get("verificationToken");
        return decode(token).get("verificationId").toString();
    }

    private Map<String, Object> challenge(String siteKey) {
        SandboxApi.Response response = post("/v2/verifications", "{\"siteKey\":\"" + siteKey + "\",\"widget\":"
                + "{\"version\":\"3.0.2\",\"settings\":{\"invisible\":false}},\"fingerprints\":[1,2.5e3,null],"
                + "\"honeypotFields\":[],\"integrityHash\":\"abc\"}");
        assertEquals(200, response.status(), response.text());
        assertEquals("application/json", response.headers().get("Content-Type"));
        @SuppressWarnings("unchecked")
        Map<String, Object> challenge = (Map<String, Object>) Json.parseObject(response.text()).get("challenge");
        return challenge;
    }

    /** The widget's answer to a challenge, solved as the widget solves it. */
    private static String solutions(Map<String, Object> challenge) {
        StringBuilder tasks = new StringBuilder();
        int difficulty = ((Double) challenge.get("difficulty")).intValue();
        for (Object task : (List<?>) challenge.get("tasks")) {
            Map<?, ?> t = (Map<?, ?>) task;
            String nonce = SandboxApi.ProofOfWork.solve((String) t.get("input"), difficulty);
            tasks.append(tasks.length() == 0 ? "" : ",").append("{\"number\":")
                    .append(((Double) t.get("number")).intValue()).append(",\"nonce\":\"").append(nonce).append("\"}");
        }
        return "{\"startSolvingTimestamp\":\"2026-11-23T10:00:00.000Z\",\"solvedTimestamp\":"
                + "\"2026-11-23T10:00:00.100Z\",\"tasks\":[" + tasks + "],\"honeypotFields\":[],\"userEvents\":[]}";
    }

    private SandboxApi.Response post(String path, String body) {
        return request("POST", path, body, Map.of("Origin", ORIGIN, "Content-Type", "application/json"));
    }

    private SandboxApi.Response result(String id, String key, String query) {
        return api.handle(new SandboxApi.Request("GET", "/v2/verifications/" + id + "/results", query,
                Map.of("Authorization", "Bearer " + key), null, "127.0.0.1"));
    }

    private SandboxApi.Response request(String method, String path, String body, Map<String, String> headers) {
        return api.handle(new SandboxApi.Request(method, path, "", headers,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), "127.0.0.1"));
    }

    private static Map<String, Object> decode(String token) {
        return Json.parseObject(new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8));
    }
}
