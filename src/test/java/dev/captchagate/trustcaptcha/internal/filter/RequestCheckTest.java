package dev.captchagate.trustcaptcha.internal.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.captchagate.trustcaptcha.Decision;
import dev.captchagate.trustcaptcha.Outcome;
import dev.captchagate.trustcaptcha.Policy;
import dev.captchagate.trustcaptcha.TrustCaptchaFilter;
import dev.captchagate.trustcaptcha.Verification;
import dev.captchagate.trustcaptcha.VerificationResult;
import dev.captchagate.trustcaptcha.internal.client.ResultJson;
import dev.captchagate.trustcaptcha.internal.config.Mode;
import dev.captchagate.trustcaptcha.internal.token.VerificationToken;
import dev.captchagate.trustcaptcha.internal.util.JsonPointer;
import dev.captchagate.trustcaptcha.internal.verify.Decider;
import dev.captchagate.trustcaptcha.testing.Results;
import dev.captchagate.trustcaptcha.testing.TestRequest;
import dev.captchagate.trustcaptcha.testing.TestResponse;
import dev.captchagate.trustcaptcha.testing.Tokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestCheckTest {

    private static final UUID HUMAN = UUID.randomUUID();
    private static final UUID BOT = UUID.randomUUID();
    private static final UUID FAILED = UUID.randomUUID();
    private static final UUID EDGE = UUID.randomUUID();

    private final List<VerificationToken> asked = new ArrayList<>();
    private final Map<UUID, Verification> answers = new HashMap<>();
    private final Decider verifier = new Decider(token -> {
        asked.add(token);
        return answers.getOrDefault(token.verificationId(),
                Verification.failed(Outcome.VERIFICATION_NOT_FOUND, "HTTP 404"));
    });

    RequestCheckTest() {
        answers.put(HUMAN, result(Results.human(HUMAN)));
        answers.put(BOT, result(Results.bot(BOT)));
        answers.put(FAILED, result(Results.failed(FAILED)));
        answers.put(EDGE, result(Results.json(EDGE, true, 0.5, "https://shop.example.com", false)));
    }

    @Test
    void acceptsAHeaderTokenWithoutTouchingTheBody() throws IOException {
        TestRequest request = TestRequest.withBody("POST", "/api/order", "application/json", "{\"big\":\"body\"}")
                .header("X-TrustCaptcha-Token", Tokens.of(HUMAN));
        HttpServletRequest next = check(FilterSettings.defaults()).apply(request, new TestResponse());

        assertSame(request, next);
        assertEquals(0, request.bytesRead());
        assertEquals(List.of(new VerificationToken(HUMAN, false)), asked);
        VerificationResult result = assertInstanceOf(VerificationResult.class,
                request.getAttribute(TrustCaptchaFilter.RESULT_ATTRIBUTE));
        assertEquals(HUMAN, result.verificationId());
        Decision decision = (Decision) request.getAttribute(Decision.ATTRIBUTE);
        assertTrue(decision.accepted());
        assertEquals("accepted", decision.code());
    }

    @Test
    void findsTheTokenInAJsonBodyAndReplaysTheIdenticalBytes() throws IOException {
        String body = "{\"name\":\"Zoë \uD83D\uDE00\",\"padding\":\"" + "x".repeat(60_000) + "\",\"verificationToken\":\""
                + Tokens.of(HUMAN) + "\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        TestRequest request = TestRequest.withBody("POST", "/api", "application/json; charset=UTF-8", bytes);
        HttpServletRequest next = check(FilterSettings.defaults()).apply(request, new TestResponse());

        assertInstanceOf(BufferedRequest.class, next);
        assertArrayEquals(bytes, next.getInputStream().readAllBytes());
        assertEquals(1, asked.size());
    }

    @Test
    void findsTheTokenInAJsonBodyOfAnyPlusJsonType() throws IOException {
        TestRequest request = TestRequest.withBody("PUT", "/api", "application/vnd.api+json",
                "{\"verificationToken\":\"" + Tokens.of(HUMAN) + "\"}");
        assertTrue(check(FilterSettings.defaults()).apply(request, new TestResponse()) != null);
    }

    @Test
    void followsAConfiguredNestedPointer() throws IOException {
        FilterSettings settings = with(FilterSettings.defaults(), JsonPointer.parse("/captcha/token").orElseThrow());
        TestRequest request = TestRequest.withBody("POST", "/api", "application/json",
                "{\"verificationToken\":\"ignored\",\"captcha\":{\"token\":\"" + Tokens.of(HUMAN) + "\"}}");
        assertTrue(check(settings).apply(request, new TestResponse()) != null);
        assertEquals(HUMAN, asked.get(0).verificationId());
    }

    @Test
    void findsTheTokenInAFormAndTheParametersSurvive() throws IOException {
        String form = "name=Zo%C3%AB&tc-verification-token=" + Tokens.of(HUMAN).replace("=", "%3D") + "&x=1&x=2";
        TestRequest request = TestRequest.withBody("POST", "/login", "application/x-www-form-urlencoded", form)
                .query("x=0");
        HttpServletRequest next = check(FilterSettings.defaults()).apply(request, new TestResponse());

        next.setCharacterEncoding("UTF-8");
        assertEquals("Zoë", next.getParameter("name"));
        assertArrayEquals(new String[] {"0", "1", "2"}, next.getParameterValues("x"));
        assertEquals(Tokens.of(HUMAN), next.getParameter("tc-verification-token"));
    }

    @Test
    void aFormTheContainerDoesNotParseIsSearchedButReachesTheApplicationAsBytes() throws IOException {
        // Payara parses url-encoded bodies for POST only, and only with the exact media type: a PUT form, or a POST
        // whose type is spelled in another letter case, reaches the application as bytes, with the filter too.
        for (String[] request : new String[][] {{"PUT", "application/x-www-form-urlencoded"},
            {"PATCH", "application/x-www-form-urlencoded"}, {"DELETE", "application/x-www-form-urlencoded"},
            {"POST", "Application/X-WWW-Form-URLEncoded"}}) {
            UUID id = UUID.randomUUID();
            answers.put(id, result(Results.human(id)));
            String form = "id=7&tc-verification-token=" + Tokens.of(id).replace("=", "%3D");
            TestRequest container = TestRequest.withBody(request[0], "/items", request[1], form).query("q=1");
            TestResponse response = new TestResponse();
            HttpServletRequest next = check(FilterSettings.defaults()).apply(container, response);

            String cell = request[0] + " " + request[1];
            assertEquals(200, response.getStatus(), cell + ": " + response.body());
            assertEquals(id, asked.get(asked.size() - 1).verificationId(), cell);
            assertNull(next.getParameter("id"), cell + ": the container gives only the query string");
            assertEquals("1", next.getParameter("q"), cell);
            assertEquals(form, new String(next.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                    cell + ": the container gives the whole body after getParameter");
        }
    }

    @Test
    void takesTheTokenOfAMultipartFormFromTheContainer() throws IOException {
        TestRequest request = TestRequest.withBody("POST", "/upload", "multipart/form-data; boundary=x", new byte[0])
                .parts(Map.of("tc-verification-token", Tokens.of(HUMAN), "file", "data"));
        assertSame(request, check(FilterSettings.defaults()).apply(request, new TestResponse()));
        assertEquals(0, request.bytesRead());
    }

    @Test
    void explainsAMultipartFormTheContainerCannotParse() throws IOException {
        TestRequest request = TestRequest.withBody("POST", "/upload", "multipart/form-data; boundary=x", new byte[0]);
        TestResponse response = new TestResponse();
        assertNull(check(FilterSettings.defaults()).apply(request, response));
        JsonObject problem = problem(response, 403, "token-missing");
        assertEquals("This multipart form cannot be read for the CAPTCHA token. Send the token in the "
                + "X-TrustCaptcha-Token header.", problem.getString("detail"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/xml", "application/octet-stream"})
    void looksNowhereElseThanTheHeaderForOtherContentTypes(String type) throws IOException {
        TestRequest request = TestRequest.withBody("POST", "/api", type, "verificationToken=" + Tokens.of(HUMAN));
        TestResponse response = new TestResponse();
        assertNull(check(FilterSettings.defaults()).apply(request, response));
        problem(response, 403, "token-missing");
        assertEquals(0, request.bytesRead());
    }

    @Test
    void neverLooksInTheQueryString() throws IOException {
        TestRequest request = TestRequest.of("POST", "/api").query("tc-verification-token=" + Tokens.of(HUMAN));
        TestResponse response = new TestResponse();
        assertNull(check(FilterSettings.defaults()).apply(request, response));
        problem(response, 403, "token-missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "OPTIONS", "TRACE"})
    void letsUncheckedMethodsPassUntouched(String method) throws IOException {
        TestRequest request = TestRequest.of(method, "/api");
        assertSame(request, check(FilterSettings.defaults()).apply(request, new TestResponse()));
        assertNull(request.getAttribute(Decision.ATTRIBUTE));
        assertEquals(List.of(), asked);
    }

    @Test
    void checksARequestOnceEvenWhenItPassesAgain() throws IOException {
        TestRequest request = TestRequest.of("POST", "/api").header("X-TrustCaptcha-Token", Tokens.of(HUMAN));
        RequestCheck check = check(FilterSettings.defaults());
        check.apply(request, new TestResponse());
        assertSame(request, check.apply(request, new TestResponse()));
        assertSame(request, check(FilterSettings.defaults()).apply(request, new TestResponse()));
        assertEquals(1, asked.size());
    }

    @ParameterizedTest
    @CsvSource({
        "BOT, score-too-high",
        "FAILED, verification-failed",
    })
    void refusesResultsThatFailThePolicy(String who, String code) throws IOException {
        UUID id = who.equals("BOT") ? BOT : FAILED;
        TestResponse response = new TestResponse();
        TestRequest request = TestRequest.of("POST", "/api").header("X-TrustCaptcha-Token", Tokens.of(id));
        assertNull(check(FilterSettings.defaults()).apply(request, response));
        problem(response, 403, code);
        Decision decision = (Decision) request.getAttribute(Decision.ATTRIBUTE);
        assertEquals(code, decision.code());
        assertEquals(id, decision.result().orElseThrow().verificationId());
        assertNull(request.getAttribute(TrustCaptchaFilter.RESULT_ATTRIBUTE));
    }

    @Test
    void aScoreEqualToTheMaximumPasses() throws IOException {
        TestRequest request = TestRequest.of("POST", "/api").header("X-TrustCaptcha-Token", Tokens.of(EDGE));
        assertSame(request, check(FilterSettings.defaults()).apply(request, new TestResponse()));
    }

    @ParameterizedTest
    @CsvSource({
        "VERIFICATION_NOT_FOUND, 403, verification-not-found",
        "VERIFICATION_EXPIRED, 403, verification-expired",
        "VERIFICATION_NOT_FINISHED, 403, verification-not-finished",
        "RETRIEVAL_LIMIT_REACHED, 403, retrieval-limit-reached",
        "FAILOVER_REJECTED, 403, failover-rejected",
        "API_KEY_INVALID, 503, verification-unavailable",
        "UNEXPECTED_RESPONSE, 503, verification-unavailable",
        "UNAVAILABLE, 503, verification-unavailable",
        "CIRCUIT_OPEN, 503, verification-unavailable",
        "OVERLOADED, 503, verification-unavailable",
        "TLS_FAILURE, 503, verification-unavailable",
        "INTERNAL_ERROR, 503, verification-unavailable",
    })
    void answersEveryVerificationFailureWithItsCodeAndStatus(Outcome failure, int status, String code)
            throws IOException {
        UUID id = UUID.randomUUID();
        answers.put(id, Verification.failed(failure, "test"));
        TestResponse response = new TestResponse();
        assertNull(check(FilterSettings.defaults())
                .apply(TestRequest.of("POST", "/api").header("X-TrustCaptcha-Token", Tokens.of(id)), response));
        problem(response, status, code);
        assertEquals(status == 503 ? "5" : null, response.getHeader("Retry-After"));
    }

    @Test
    void usesTheConfiguredRejectStatusForRejectionsOnly() throws IOException {
        FilterSettings settings = new FilterSettings(FilterSettings.defaults().methods(), "X-TrustCaptcha-Token",
                JsonPointer.parse("/verificationToken").orElseThrow(), "tc-verification-token", 100, 422,
                FilterSettings.defaults().policy(), Mode.ENFORCE);
        TestResponse rejected = new TestResponse();
        check(settings).apply(TestRequest.of("POST", "/api"), rejected);
        problem(rejected, 422, "token-missing");

        TestResponse tooLarge = new TestResponse();
        check(settings).apply(TestRequest.withBody("POST", "/api", "application/json", "x".repeat(101)), tooLarge);
        problem(tooLarge, 413, "body-too-large");
    }

    @Test
    void decidesAnInvalidTokenWithoutAskingTrustCaptcha() throws IOException {
        for (String token : new String[] {Tokens.INVALID_BASE64, Tokens.NOT_JSON, Tokens.NO_ID, "x".repeat(5000)}) {
            TestResponse response = new TestResponse();
            check(FilterSettings.defaults())
                    .apply(TestRequest.of("POST", "/api").header("X-TrustCaptcha-Token", token), response);
            problem(response, 403, "token-invalid");
        }
        assertEquals(List.of(), asked);
    }

    @Test
    void aNonStringJsonTokenIsInvalidAndAMissingOneIsMissing() throws IOException {
        TestResponse number = new TestResponse();
        check(FilterSettings.defaults()).apply(
                TestRequest.withBody("POST", "/api", "application/json", "{\"verificationToken\":42}"), number);
        problem(number, 403, "token-invalid");

        TestResponse absent = new TestResponse();
        check(FilterSettings.defaults()).apply(
                TestRequest.withBody("POST", "/api", "application/json", "{\"other\":\"x\"}"), absent);
        assertEquals("No CAPTCHA token was found. Send it in the X-TrustCaptcha-Token header, as /verificationToken "
                + "in a JSON body, or as the form field tc-verification-token.",
                problem(absent, 403, "token-missing").getString("detail"));

        TestResponse malformed = new TestResponse();
        check(FilterSettings.defaults()).apply(
                TestRequest.withBody("POST", "/api", "application/json", "{\"a\":[1,2,"), malformed);
        problem(malformed, 403, "token-missing");
        assertEquals(List.of(), asked);
    }

    @Test
    void refusesAnOversizedDeclaredBodyBeforeReadingItAndDiscardsItUpToTheLimit() throws IOException {
        TestRequest huge = TestRequest.withBody("POST", "/api", "application/json", new byte[BodyReader.DISCARD_LIMIT + 1]);
        TestResponse response = new TestResponse();
        assertNull(check(FilterSettings.defaults()).apply(huge, response));
        problem(response, 413, "body-too-large");
        assertEquals(0, huge.bytesRead(), "a body over the discard limit is not touched");

        TestRequest large = TestRequest.withBody("POST", "/api", "application/json", new byte[200_000]);
        check(FilterSettings.defaults()).apply(large, new TestResponse());
        assertEquals(200_000, large.bytesRead(), "the rest is discarded so that the client can read the 413");
    }

    @Test
    void countsAChunkedBodyAndDiscardsNoMoreThanTheLimit() throws IOException {
        TestRequest request = TestRequest.chunked("POST", "/api", "application/x-www-form-urlencoded",
                new byte[10 * 1024 * 1024]);
        TestResponse response = new TestResponse();
        assertNull(check(FilterSettings.defaults()).apply(request, response));
        problem(response, 413, "body-too-large");
        assertEquals(BodyReader.DISCARD_LIMIT, request.bytesRead());

        byte[] exactly = ("verificationToken=" + "x".repeat(65_536 - 18)).getBytes(StandardCharsets.US_ASCII);
        TestRequest fits = TestRequest.chunked("POST", "/api", "application/x-www-form-urlencoded", exactly);
        TestResponse notTooLarge = new TestResponse();
        check(FilterSettings.defaults()).apply(fits, notTooLarge);
        problem(notTooLarge, 403, "token-missing");
    }

    @Test
    void everyRefusalHasATitleADetailAndAStatus() {
        ProblemResponder responder = new ProblemResponder(FilterSettings.defaults());
        for (Outcome outcome : Outcome.values()) {
            if (outcome.accepts()) {
                continue;
            }
            for (Problems.Hint hint : Problems.Hint.values()) {
                assertFalse(outcome.title().isBlank(), outcome.name());
                assertTrue(Problems.detail(outcome, hint, FilterSettings.defaults()).endsWith("."), outcome.name());
            }
            int status = responder.status(outcome);
            assertTrue(status == 413 || status == 503 || status == 403, outcome + " " + status);
        }
    }

    @Test
    void whatNoVerificationCouldAcceptNowIsRefusedBeforeTheBodyIsRead() throws IOException {
        String body = "{\"verificationToken\":\"" + Tokens.of(HUMAN) + "\"}";
        Verification busy = Verification.failed(Outcome.OVERLOADED, "all verification slots are busy");
        TestRequest request = TestRequest.withBody("POST", "/api/order", "application/json", body);
        TestResponse response = new TestResponse();
        assertNull(checkRefusingNow(FilterSettings.defaults(), busy).apply(request, response));
        problem(response, 503, "verification-unavailable");
        assertEquals(0, request.bytesRead(), "the body was not read");
        assertEquals(List.of(), asked);
        assertEquals(Outcome.OVERLOADED, ((Decision) request.getAttribute(Decision.ATTRIBUTE)).outcome());

        Verification open = Verification.failed(Outcome.CIRCUIT_OPEN, "circuit open");
        TestRequest circuit = TestRequest.withBody("POST", "/api/order", "application/json", body);
        assertNull(checkRefusingNow(FilterSettings.defaults(), open).apply(circuit, new TestResponse()));
        assertEquals(0, circuit.bytesRead());
    }

    @Test
    void theTokenIsStillReadWhereItCouldPassOrWhereNothingIsEnforced() throws IOException {
        String body = "{\"verificationToken\":\"" + Tokens.of(HUMAN) + "\"}";
        Verification open = Verification.failed(Outcome.CIRCUIT_OPEN, "circuit open");
        FilterSettings failOpen = FilterSettings.defaults()
                .with(Policy.DEFAULT.toBuilder().allowWhenUnreachable(true).build());
        TestRequest request = TestRequest.withBody("POST", "/api/order", "application/json", body);
        HttpServletRequest next = checkRefusingNow(failOpen, open).apply(request, new TestResponse());
        assertTrue(request.bytesRead() > 0, "a fail-open policy needs the token");
        assertEquals(List.of(new VerificationToken(HUMAN, false)), asked, "decided by the verifier");
        assertArrayEquals(body.getBytes(StandardCharsets.UTF_8), next.getInputStream().readAllBytes());

        Verification busy = Verification.failed(Outcome.OVERLOADED, "all verification slots are busy");
        TestRequest monitored = TestRequest.withBody("POST", "/api/order", "application/json", body);
        checkRefusingNow(FilterSettings.defaults().with(Mode.MONITOR), busy).apply(monitored, new TestResponse());
        assertTrue(monitored.bytesRead() > 0, "monitor mode records the token's own decision");
    }

    @Test
    void theProblemNeverEchoesTheToken() throws IOException {
        String token = Tokens.of(UUID.randomUUID());
        TestResponse response = new TestResponse();
        check(FilterSettings.defaults())
                .apply(TestRequest.of("POST", "/api").header("X-TrustCaptcha-Token", token), response);
        assertFalse(response.body().contains(token));
        assertFalse(response.body().contains("Exception"));
    }

    private static FilterSettings with(FilterSettings settings, JsonPointer pointer) {
        return new FilterSettings(settings.methods(), settings.tokenHeader(), pointer, settings.formParam(),
                settings.maxBodyBytes(), settings.rejectStatus(), settings.policy(), settings.mode());
    }

    private RequestCheck check(FilterSettings settings) {
        return new RequestCheck(settings, verifier::decide, DecisionPublisher.NONE);
    }

    private RequestCheck checkRefusingNow(FilterSettings settings, Verification refusal) {
        return new RequestCheck(settings, verifier::decide, () -> java.util.Optional.of(refusal),
                DecisionPublisher.NONE, null, System::nanoTime, ContainerForms.SPECIFICATION, false);
    }

    private static JsonObject problem(TestResponse response, int status, String code) {
        assertEquals(status, response.getStatus(), response.body());
        assertEquals("application/problem+json", response.getContentType());
        assertEquals("no-store", response.getHeader("Cache-Control"));
        assertEquals(response.bodyLength(), response.contentLength());
        JsonObject problem = Json.createReader(new StringReader(response.body())).readObject();
        assertEquals(code, problem.getString("code"));
        assertEquals(status, problem.getInt("status"));
        assertEquals("tag:captchagate.dev,2026:trustcaptcha/" + code, problem.getString("type"));
        assertEquals(outcome(code).title(), problem.getString("title"));
        assertTrue(problem.getString("detail").length() > 10);
        return problem;
    }

    private static Outcome outcome(String code) {
        for (Outcome outcome : Outcome.values()) {
            if (outcome.code().equals(code)) {
                return outcome;
            }
        }
        throw new AssertionError(code);
    }

    private static Verification result(String json) {
        return Verification.of(ResultJson.parse(json.getBytes(StandardCharsets.UTF_8)).orElseThrow());
    }
}
