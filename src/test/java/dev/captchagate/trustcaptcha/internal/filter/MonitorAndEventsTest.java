package dev.captchagate.trustcaptcha.internal.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.captchagate.trustcaptcha.Decision;
import dev.captchagate.trustcaptcha.DecisionEvent;
import dev.captchagate.trustcaptcha.TrustCaptchaFilter;
import dev.captchagate.trustcaptcha.Verification;
import dev.captchagate.trustcaptcha.VerificationResult;
import dev.captchagate.trustcaptcha.internal.client.ResultJson;
import dev.captchagate.trustcaptcha.internal.config.Mode;
import dev.captchagate.trustcaptcha.internal.metrics.Metrics;
import dev.captchagate.trustcaptcha.internal.verify.Decider;
import dev.captchagate.trustcaptcha.testing.Results;
import dev.captchagate.trustcaptcha.testing.TestRequest;
import dev.captchagate.trustcaptcha.testing.TestResponse;
import dev.captchagate.trustcaptcha.testing.Tokens;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class MonitorAndEventsTest {

    private static final UUID BOT = UUID.randomUUID();

    private final List<String> asked = new ArrayList<>();
    private final Decider verifier = new Decider(token -> {
        asked.add(token.verificationId().toString());
        return Verification.of(ResultJson.parse(Results.bot(token.verificationId())
                .getBytes(StandardCharsets.UTF_8)).orElseThrow());
    });
    private final RecordingEvent events = new RecordingEvent();
    private final FilterSettings monitor = FilterSettings.defaults().with(Mode.MONITOR);

    @Test
    void monitorModeLetsABotThroughAndPublishesTheRefusalItWouldHaveMade() throws IOException {
        TestRequest request = TestRequest.of("POST", "/login").header("X-TrustCaptcha-Token", Tokens.of(BOT));
        TestResponse response = new TestResponse();
        HttpServletRequest next = check(monitor).apply(request, response);

        assertSame(request, next);
        assertEquals(200, response.getStatus());
        assertEquals(0, response.bodyLength());
        Decision decision = (Decision) request.getAttribute(Decision.ATTRIBUTE);
        assertEquals("score-too-high", decision.code());
        assertFalse(decision.enforced());
        assertEquals(BOT, decision.result().orElseThrow().verificationId());
        assertNull(request.getAttribute(TrustCaptchaFilter.RESULT_ATTRIBUTE),
                "a refused result is not published as the request's result, even unenforced");
    }

    @Test
    void monitorModeLetsAMissingTokenThroughWithTheBodyIntact() throws IOException {
        byte[] body = "{\"name\":\"Zoë\"}".getBytes(StandardCharsets.UTF_8);
        TestRequest request = TestRequest.withBody("POST", "/api", "application/json", body);
        HttpServletRequest next = check(monitor).apply(request, new TestResponse());
        assertArrayEquals(body, next.getInputStream().readAllBytes());
        assertEquals("token-missing", ((Decision) request.getAttribute(Decision.ATTRIBUTE)).code());
    }

    @Test
    void monitorModeDoesNotReadABodyDeclaredTooLarge() throws IOException {
        TestRequest request = TestRequest.withBody("POST", "/api", "application/json", new byte[70_000]);
        HttpServletRequest next = check(monitor).apply(request, new TestResponse());
        assertSame(request, next);
        assertEquals(0, request.bytesRead());
        assertEquals("body-too-large", ((Decision) request.getAttribute(Decision.ATTRIBUTE)).code());
    }

    @Test
    void monitorModeHandsOnAnUndeclaredBodyFoundTooLargeWhole() throws IOException {
        byte[] body = new byte[300_000];
        Arrays.fill(body, (byte) 'a');
        body[0] = 'x';
        body[body.length - 1] = 'z';
        TestRequest request = TestRequest.chunked("POST", "/api", "application/json", body);
        HttpServletRequest next = check(monitor).apply(request, new TestResponse());
        assertArrayEquals(body, next.getInputStream().readAllBytes());
    }

    @Test
    void monitorModeKeepsTheFormParametersOfAnUndeclaredBodyFoundTooLarge() throws IOException {
        String form = "name=Zo%C3%AB&pad=" + "a".repeat(70_000) + "&last=1";
        TestRequest request = TestRequest.chunked("POST", "/api", "application/x-www-form-urlencoded",
                form.getBytes(StandardCharsets.US_ASCII));
        HttpServletRequest next = check(monitor).apply(request, new TestResponse());
        next.setCharacterEncoding("UTF-8");
        assertEquals("Zoë", next.getParameter("name"));
        assertEquals("1", next.getParameter("last"));
    }

    @Test
    void publishesEveryDecisionWithMethodPathAndClientAddressButNoToken() throws IOException {
        String token = Tokens.of(BOT);
        check(FilterSettings.defaults()).apply(
                TestRequest.of("POST", "/login").header("X-TrustCaptcha-Token", token), new TestResponse());
        check(monitor).apply(TestRequest.of("PUT", "/a"), new TestResponse());
        check(FilterSettings.defaults()).apply(TestRequest.of("GET", "/a"), new TestResponse());

        assertEquals(2, events.fired.size(), "unchecked methods are no decisions");
        assertEquals(events.fired, events.firedAsync);
        DecisionEvent first = events.fired.get(0);
        assertEquals("score-too-high", first.decision().code());
        assertTrue(first.decision().enforced());
        assertEquals("POST", first.method());
        assertEquals("/login", first.path());
        assertEquals("203.0.113.9", first.clientAddress());
        assertFalse(first.toString().contains(token));
        assertFalse(events.fired.get(1).decision().enforced());
    }

    @Test
    void anObserverThatThrowsChangesNothing() throws IOException {
        events.failSync = true;
        events.failAsync = true;
        TestResponse response = new TestResponse();
        assertNull(check(FilterSettings.defaults()).apply(
                TestRequest.of("POST", "/login").header("X-TrustCaptcha-Token", Tokens.of(BOT)), response));
        assertEquals(403, response.getStatus());

        Decider human = new Decider(token -> Verification.of(ResultJson.parse(
                Results.human(token.verificationId()).getBytes(StandardCharsets.UTF_8)).orElseThrow()));
        TestRequest request = TestRequest.of("POST", "/login").header("X-TrustCaptcha-Token", Tokens.of(UUID.randomUUID()));
        assertSame(request, new RequestCheck(FilterSettings.defaults(), human::decide,
                new DecisionPublisher(events, System::nanoTime)).apply(request, new TestResponse()));
    }

    @Test
    void aMisconfiguredFilterFailsClosedEvenInMonitorMode() throws IOException {
        TestResponse response = new TestResponse();
        RequestCheck broken = RequestCheck.misconfigured(monitor, "filter 'x' is misconfigured",
                new DecisionPublisher(events, System::nanoTime));
        assertNull(broken.apply(TestRequest.of("POST", "/a"), response));
        assertEquals(503, response.getStatus());
        assertEquals("verification-unavailable", events.fired.get(0).decision().code());
    }

    @Test
    void everyDecisionIsCountedUnderItsFiltersNameWithItsOutcomeAndWhetherItWasEnforced() throws IOException {
        List<String> counted = new ArrayList<>();
        DecisionPublisher publisher = new DecisionPublisher(events, System::nanoTime, "login", counting(counted),
                false);
        new RequestCheck(monitor, verifier::decide, publisher).apply(
                TestRequest.of("POST", "/login").header("X-TrustCaptcha-Token", Tokens.of(BOT)), new TestResponse());
        new RequestCheck(FilterSettings.defaults(), verifier::decide, publisher).apply(
                TestRequest.of("POST", "/login"), new TestResponse());
        Decider human = new Decider(token -> Verification.of(ResultJson.parse(
                Results.human(token.verificationId()).getBytes(StandardCharsets.UTF_8)).orElseThrow()));
        new RequestCheck(FilterSettings.defaults(), human::decide, publisher).apply(
                TestRequest.of("POST", "/login").header("X-TrustCaptcha-Token", Tokens.of(UUID.randomUUID())),
                new TestResponse());
        assertEquals(List.of("login score-too-high false", "login token-missing true", "login accepted true"),
                counted);
    }

    @Test
    void thePrivacySwitchKeepsWhatIdentifiesTheUserOutOfEventsAndAttributes() throws IOException {
        Decider human = new Decider(token -> Verification.of(ResultJson.parse(
                Results.human(token.verificationId()).getBytes(StandardCharsets.UTF_8)).orElseThrow()));
        for (boolean omit : new boolean[] {false, true}) {
            events.fired.clear();
            UUID id = UUID.randomUUID();
            TestRequest request = TestRequest.of("POST", "/login").header("X-TrustCaptcha-Token", Tokens.of(id));
            new RequestCheck(FilterSettings.defaults(), human::decide,
                    new DecisionPublisher(events, System::nanoTime, "login", Metrics.NONE, omit))
                    .apply(request, new TestResponse());
            DecisionEvent event = events.fired.get(0);
            VerificationResult published = event.decision().result().orElseThrow();
            VerificationResult attribute = (VerificationResult) request.getAttribute(VerificationResult.ATTRIBUTE);
            VerificationResult viaDecision = ((Decision) request.getAttribute(Decision.ATTRIBUTE)).result()
                    .orElseThrow();
            for (VerificationResult result : List.of(published, attribute, viaDecision)) {
                assertEquals(id, result.verificationId(), "the rest of the result stays");
                assertEquals(0.1, result.score());
                assertEquals("https://shop.example.com", result.origin());
                List<String> personal = Arrays.asList(result.ipAddress(), result.countryCode(), result.deviceFamily(),
                        result.operatingSystem(), result.browser());
                assertEquals(omit ? Arrays.asList(null, null, null, null, null)
                        : List.of("203.0.113.7", "CH", "Desktop", "Linux", "Firefox"), personal);
            }
            assertEquals(omit ? null : request.getRemoteAddr(), event.clientAddress());
            assertEquals("accepted", event.decision().code());
        }
    }

    private static Metrics counting(List<String> counted) {
        return new Metrics() {
            @Override
            public void decided(String filter, Decision decision) {
                counted.add(filter + " " + Metrics.label(decision.outcome()) + " " + decision.enforced());
            }

        };
    }

    private RequestCheck check(FilterSettings settings) {
        return new RequestCheck(settings, verifier::decide, new DecisionPublisher(events, System::nanoTime));
    }

    /** A CDI event that records what is fired, and can fail like a throwing observer. */
    private static final class RecordingEvent implements Event<DecisionEvent> {
        final List<DecisionEvent> fired = new ArrayList<>();
        final List<DecisionEvent> firedAsync = new ArrayList<>();
        boolean failSync;
        boolean failAsync;

        @Override
        public void fire(DecisionEvent event) {
            fired.add(event);
            if (failSync) {
                throw new IllegalStateException("observer failed");
            }
        }

        @Override
        public <U extends DecisionEvent> CompletionStage<U> fireAsync(U event) {
            firedAsync.add(event);
            return failAsync ? CompletableFuture.failedFuture(new IllegalStateException("async observer failed"))
                    : CompletableFuture.completedFuture(event);
        }

        @Override
        public <U extends DecisionEvent> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            return fireAsync(event);
        }

        @Override
        public Event<DecisionEvent> select(Annotation... qualifiers) {
            return this;
        }

        @Override
        public <U extends DecisionEvent> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends DecisionEvent> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }
}
