package dev.captchagate.trustcaptcha.internal.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.captchagate.trustcaptcha.Decision;
import dev.captchagate.trustcaptcha.Policy;
import dev.captchagate.trustcaptcha.Verification;
import dev.captchagate.trustcaptcha.VerificationResult;
import dev.captchagate.trustcaptcha.internal.client.ResultJson;
import dev.captchagate.trustcaptcha.internal.config.Mode;
import dev.captchagate.trustcaptcha.internal.verify.Decider;
import dev.captchagate.trustcaptcha.replay.MemoryReplayStore;
import dev.captchagate.trustcaptcha.testing.Results;
import dev.captchagate.trustcaptcha.testing.Tokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.reflect.Proxy;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The JAX-RS binding's check on a request context: tokens, entities, answers, and decisions taken over. */
class ResourceCheckTest {

    private final List<UUID> asked = new ArrayList<>();
    private final Map<UUID, String> answers = new HashMap<>();
    private final Decider decider = new Decider(token -> {
        asked.add(token.verificationId());
        String json = answers.getOrDefault(token.verificationId(), Results.human(token.verificationId()));
        return Verification.of(ResultJson.parse(json.getBytes(StandardCharsets.UTF_8)).orElseThrow());
    }, new MemoryReplayStore(Duration.ofMinutes(15), 1000, System::nanoTime));

    private ResourceCheck check(FilterSettings settings, boolean everyMethod) {
        return new ResourceCheck(settings, everyMethod, decider::decide, Optional::empty, DecisionPublisher.NONE,
                null);
    }

    @Test
    void aTokenInTheHeaderIsVerifiedAndTheDecisionAndResultPublished() {
        UUID id = UUID.randomUUID();
        Request request = new Request("POST", null, new byte[0]).header("X-TrustCaptcha-Token", Tokens.of(id));
        request.aborted = check(FilterSettings.defaults(), false).apply(request.context(), "/api/things",
                "127.0.0.1", null);

        assertNull(request.aborted);
        assertEquals(List.of(id), asked);
        assertEquals("accepted", ((Decision) request.properties.get(Decision.ATTRIBUTE)).code());
        assertEquals(id, ((VerificationResult) request.properties.get(VerificationResult.ATTRIBUTE)).verificationId());
    }

    @Test
    void aJsonBodyGivesTheTokenAndReachesTheResourceByteForByte() throws IOException {
        UUID id = UUID.randomUUID();
        byte[] body = ("{\"name\":\"Zoë\",\"verificationToken\":\"" + Tokens.of(id) + "\",\"n\":[1,2]}")
                .getBytes(StandardCharsets.UTF_8);
        Request request = new Request("POST", "application/json; charset=UTF-8", body);
        request.aborted = check(FilterSettings.defaults(), false).apply(request.context(), "/api", null, null);

        assertNull(request.aborted);
        assertEquals(List.of(id), asked);
        assertArrayEquals(body, request.entity.readAllBytes());
    }

    @Test
    void aFormGivesTheTokenInItsCharsetAndReachesTheResourceByteForByte() throws IOException {
        UUID id = UUID.randomUUID();
        byte[] body = ("name=Zo%E9&tc-verification-token=" + URLEncoder.encode(Tokens.of(id), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.US_ASCII);
        Request request = new Request("PUT", "application/x-www-form-urlencoded;charset=ISO-8859-1", body);
        request.aborted = check(FilterSettings.defaults(), false).apply(request.context(), "/api", null, null);

        assertNull(request.aborted);
        assertEquals(List.of(id), asked);
        assertArrayEquals(body, request.entity.readAllBytes());
    }

    @Test
    void whereTheRuntimeReadsFormsFromTheServletParametersSoDoesTheCheckLeavingTheEntityAlone() throws IOException {
        UUID id = UUID.randomUUID();
        byte[] body = "name=x".getBytes(StandardCharsets.US_ASCII);
        Request post = new Request("POST", "application/x-www-form-urlencoded", body);
        List<String> asks = new ArrayList<>();
        post.aborted = check(FilterSettings.defaults(), false).apply(post.context(), "/api", null, name -> {
            asks.add(name);
            return Tokens.of(id);
        });
        assertNull(post.aborted);
        assertEquals(List.of("tc-verification-token"), asks);
        assertEquals(List.of(id), asked);
        assertEquals(body.length, post.entityAvailable(), "the entity was not read");

        // A PUT form is no parameters for the Servlet specification's containers: read from the entity.
        Request put = new Request("PUT", "application/x-www-form-urlencoded", body);
        put.aborted = check(FilterSettings.defaults(), false).apply(put.context(), "/api", null, name -> {
            throw new AssertionError("asked the parameters for a body they do not have");
        });
        assertEquals("token-missing", problem(put.aborted, 403).getString("code"));
        assertArrayEquals(body, put.entity.readAllBytes());
    }

    @Test
    void withoutATokenTheRequestIsAbortedWithTheFiltersProblem() throws IOException {
        byte[] body = "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        Request request = new Request("POST", "application/json", body);
        request.aborted = check(FilterSettings.defaults(), false).apply(request.context(), "/api", null, null);

        JsonObject problem = problem(request.aborted, 403);
        assertEquals("token-missing", problem.getString("code"));
        assertEquals(Problems.detail(dev.captchagate.trustcaptcha.Outcome.TOKEN_MISSING, Problems.Hint.NONE,
                FilterSettings.defaults()), problem.getString("detail"));
        assertFalse(request.aborted.retryAfter());
        assertTrue(asked.isEmpty());
    }

    @Test
    void aBodyOverTheLimitIsRefusedAndInMonitorModeReachesTheResourceWhole() throws IOException {
        byte[] body = ("{\"pad\":\"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        Request enforced = new Request("POST", "application/json", body).undeclared();
        enforced.aborted = check(FilterSettings.defaults(), false).apply(enforced.context(), "/api", null, null);
        assertEquals("body-too-large", problem(enforced.aborted, 413).getString("code"));

        Request monitored = new Request("POST", "application/json", body).undeclared();
        monitored.aborted = check(FilterSettings.defaults().with(Mode.MONITOR), false)
                .apply(monitored.context(), "/api", null, null);
        assertNull(monitored.aborted);
        assertArrayEquals(body, monitored.entity.readAllBytes());
        Decision decision = (Decision) monitored.properties.get(Decision.ATTRIBUTE);
        assertEquals("body-too-large", decision.code());
        assertFalse(decision.enforced());
    }

    @Test
    void aReplayedTokenIsRefusedWithoutAskingAgain() {
        UUID id = UUID.randomUUID();
        ResourceCheck check = check(FilterSettings.defaults(), false);
        check.apply(new Request("POST", null, new byte[0]).header("X-TrustCaptcha-Token", Tokens.of(id)).context(),
                "/api", null, null);
        Request again = new Request("POST", null, new byte[0]).header("X-TrustCaptcha-Token", Tokens.of(id));
        again.aborted = check.apply(again.context(), "/api", null, null);
        assertEquals("token-replayed", problem(again.aborted, 403).getString("code"));
        assertEquals(List.of(id), asked);
    }

    @Test
    void onAClassTheConfiguredMethodsAreCheckedOnAMethodEveryMethod() {
        Request get = new Request("GET", null, new byte[0]);
        get.aborted = check(FilterSettings.defaults(), false).apply(get.context(), "/api", null, null);
        assertNull(get.aborted, "a class binding checks POST, PUT, PATCH and DELETE only");
        assertNull(get.properties.get(Decision.ATTRIBUTE));

        Request explicit = new Request("GET", null, new byte[0]);
        explicit.aborted = check(FilterSettings.defaults(), true).apply(explicit.context(), "/api", null, null);
        assertEquals("token-missing", problem(explicit.aborted, 403).getString("code"));
    }

    @Test
    void theServletFiltersDecisionIsTakenOverNotVerifiedAgain() {
        UUID id = UUID.randomUUID();
        VerificationResult middling = result(Results.json(id, true, 0.4, "https://shop.example.com", false));
        Decision published = Decision.accepted(middling);

        Request lax = new Request("POST", null, new byte[0]).header("X-TrustCaptcha-Token", Tokens.of(id));
        lax.properties.put(Decision.ATTRIBUTE, published);
        lax.aborted = check(FilterSettings.defaults(), false).apply(lax.context(), "/api", null, null);
        assertNull(lax.aborted);
        assertSame(published, lax.properties.get(Decision.ATTRIBUTE));

        Request strict = new Request("POST", null, new byte[0]).header("X-TrustCaptcha-Token", Tokens.of(id));
        strict.properties.put(Decision.ATTRIBUTE, published);
        strict.properties.put(VerificationResult.ATTRIBUTE, middling);
        strict.aborted = check(FilterSettings.defaults().with(Policy.maxScore(0.3)), false)
                .apply(strict.context(), "/api", null, null);
        assertEquals("score-too-high", problem(strict.aborted, 403).getString("code"));
        assertEquals("score-too-high", ((Decision) strict.properties.get(Decision.ATTRIBUTE)).code());
        assertNull(strict.properties.get(VerificationResult.ATTRIBUTE), "a refused result is not the request's");

        assertTrue(asked.isEmpty(), "the token was spent by the servlet filter: never asked again");
    }

    @Test
    void aRefusalLetThroughByAMonitoringFilterIsEnforcedAndNeverTurnedIntoAnAcceptance() {
        UUID id = UUID.randomUUID();
        Decision monitored = Decision.refused(dev.captchagate.trustcaptcha.Outcome.SCORE_TOO_HIGH,
                result(Results.bot(id)), "score 0.9 above 0.5").unenforced();
        Request request = new Request("POST", null, new byte[0]).header("X-TrustCaptcha-Token", Tokens.of(id));
        request.properties.put(Decision.ATTRIBUTE, monitored);
        request.aborted = check(FilterSettings.defaults().with(Policy.maxScore(1)), false)
                .apply(request.context(), "/api", null, null);
        assertEquals("score-too-high", problem(request.aborted, 403).getString("code"));
        assertTrue(asked.isEmpty());
    }

    @Test
    void aMisconfiguredBindingRefusesWith503() {
        Request request = new Request("POST", null, new byte[0]).header("X-TrustCaptcha-Token",
                Tokens.of(UUID.randomUUID()));
        request.aborted = ResourceCheck.misconfigured(FilterSettings.defaults().with(Mode.MONITOR), true, "policy unknown",
                DecisionPublisher.NONE).apply(request.context(), "/api", null, null);
        assertEquals("verification-unavailable", problem(request.aborted, 503).getString("code"));
        assertTrue(request.aborted.retryAfter());
        assertTrue(asked.isEmpty());
    }

    @Test
    void aMisconfiguredBindingRefusesEvenWhatTheServletFilterAccepted() {
        UUID id = UUID.randomUUID();
        Request request = new Request("POST", null, new byte[0]).header("X-TrustCaptcha-Token", Tokens.of(id));
        request.properties.put(Decision.ATTRIBUTE, Decision.accepted(result(Results.human(id))));
        request.aborted = ResourceCheck.misconfigured(FilterSettings.defaults(), false, "policy unknown",
                DecisionPublisher.NONE).apply(request.context(), "/api", null, null);
        assertEquals("verification-unavailable", problem(request.aborted, 503).getString("code"));
    }

    @Test
    void aHeadIsCheckedWhereItsGetIs() {
        FilterSettings gets = new FilterSettings(java.util.Set.of("GET", "POST"), "X-TrustCaptcha-Token",
                FilterSettings.defaults().jsonPointer(), "tc-verification-token", 65_536, 403, Policy.DEFAULT,
                Mode.ENFORCE);
        Request head = new Request("HEAD", null, new byte[0]);
        head.aborted = check(gets, false).apply(head.context(), "/api", null, null);
        assertEquals("token-missing", problem(head.aborted, 403).getString("code"));
        Request notChecked = new Request("HEAD", null, new byte[0]);
        notChecked.aborted = check(FilterSettings.defaults(), false).apply(notChecked.context(), "/api", null, null);
        assertNull(notChecked.aborted, "HEAD, like GET, is not among the default methods");
    }

    @Test
    void aRequestLetThroughUnverifiedIsRefusedByABindingThatDoesNotFailOpen() {
        Decision unverified = Decision.acceptedUnverified(Verification.failed(
                dev.captchagate.trustcaptcha.Outcome.CIRCUIT_OPEN, "breaker open"));
        Request strict = new Request("POST", null, new byte[0]);
        strict.properties.put(Decision.ATTRIBUTE, unverified);
        strict.aborted = check(FilterSettings.defaults(), false).apply(strict.context(), "/api", null, null);
        assertEquals("verification-unavailable", problem(strict.aborted, 503).getString("code"));

        Request lenient = new Request("POST", null, new byte[0]);
        lenient.properties.put(Decision.ATTRIBUTE, unverified);
        lenient.aborted = check(FilterSettings.defaults().with(Policy.builder().allowWhenUnreachable(true).build()),
                false).apply(lenient.context(), "/api", null, null);
        assertNull(lenient.aborted);
        assertTrue(asked.isEmpty());
    }

    @Test
    void aMultipartBodyIsLeftAloneAndTheHeaderAdvised() {
        Request request = new Request("POST", "multipart/form-data; boundary=x", "--x--".getBytes(
                StandardCharsets.US_ASCII));
        request.aborted = check(FilterSettings.defaults(), false).apply(request.context(), "/api", null, null);
        JsonObject problem = problem(request.aborted, 403);
        assertEquals("token-missing", problem.getString("code"));
        assertTrue(problem.getString("detail").contains("X-TrustCaptcha-Token header"), problem.toString());
        assertEquals(5, request.entityAvailable(), "the multipart entity was not read");
    }

    private static VerificationResult result(String json) {
        return ResultJson.parse(json.getBytes(StandardCharsets.UTF_8)).orElseThrow();
    }

    private static JsonObject problem(Problem problem, int status) {
        assertEquals(status, problem.status());
        JsonObject json = Json.createReader(new StringReader(new String(problem.body(), StandardCharsets.UTF_8)))
                .readObject();
        assertEquals(status, json.getInt("status"));
        return json;
    }

    /** A request context: what the check reads and writes of one. */
    private static final class Request {
        final String method;
        final String contentType;
        final Map<String, String> headers = new HashMap<>();
        final Map<String, Object> properties = new HashMap<>();
        final byte[] body;
        InputStream entity;
        int declaredLength;
        Problem aborted;

        Request(String method, String contentType, byte[] body) {
            this.method = method;
            this.contentType = contentType;
            this.body = body;
            this.entity = new ByteArrayInputStream(body);
            this.declaredLength = body.length;
        }

        Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** Chunked: no declared length, the body is read up to the limit. */
        Request undeclared() {
            declaredLength = -1;
            return this;
        }

        int entityAvailable() {
            try {
                return entity.available();
            } catch (IOException impossible) {
                throw new AssertionError(impossible);
            }
        }

        ContainerRequestContext context() {
            return (ContainerRequestContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ContainerRequestContext.class}, (proxy, called, args) -> switch (called.getName()) {
                        case "getMethod" -> method;
                        case "getHeaderString" -> "Content-Type".equals(args[0]) ? contentType
                                : headers.get((String) args[0]);
                        case "getLength" -> declaredLength;
                        case "getEntityStream" -> entity;
                        case "setEntityStream" -> {
                            entity = (InputStream) args[0];
                            yield null;
                        }
                        case "getProperty" -> properties.get((String) args[0]);
                        case "setProperty" -> properties.put((String) args[0], args[1]);
                        case "removeProperty" -> properties.remove((String) args[0]);
                        default -> throw new UnsupportedOperationException(called.getName());
                    });
        }
    }
}
