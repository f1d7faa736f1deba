package dev.captchagate.trustcaptcha.internal.filter;

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
import dev.captchagate.trustcaptcha.testing.Results;
import dev.captchagate.trustcaptcha.testing.TestRequest;
import dev.captchagate.trustcaptcha.testing.TestResponse;
import dev.captchagate.trustcaptcha.testing.Tokens;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The login's check: the token of a request that submits credentials, decisions taken over, the answer. */
class LoginCheckTest {

    private final List<UUID> asked = new ArrayList<>();
    private final Decider decider = new Decider(token -> {
        asked.add(token.verificationId());
        return Verification.of(ResultJson.parse(Results.json(token.verificationId(), true, 0.4, null, false)
                .getBytes(StandardCharsets.UTF_8)).orElseThrow());
    });

    private LoginCheck check(FilterSettings settings) {
        return new LoginCheck(settings, decider::decide, DecisionPublisher.NONE);
    }

    @Test
    void theTokenComesFromTheHeaderOrTheFormFieldAndTheDecisionIsPublished() {
        UUID header = UUID.randomUUID();
        TestRequest byHeader = TestRequest.of("POST", "/app/signin").header("X-TrustCaptcha-Token", Tokens.of(header));
        assertNull(check(FilterSettings.defaults()).check(byHeader));
        UUID field = UUID.randomUUID();
        TestRequest byField = TestRequest.withBody("POST", "/app/j_security_check", "application/x-www-form-urlencoded",
                "j_username=grace&j_password=secret&tc-verification-token="
                        + URLEncoder.encode(Tokens.of(field), StandardCharsets.UTF_8));
        assertNull(check(FilterSettings.defaults()).check(byField));
        assertEquals(List.of(header, field), asked);
        assertEquals("accepted", ((Decision) byField.getAttribute(Decision.ATTRIBUTE)).code());
        assertEquals(field, ((VerificationResult) byField.getAttribute(VerificationResult.ATTRIBUTE)).verificationId());
    }

    @Test
    void anEmptyFieldIsAMissingTokenAndAStricterPolicyRefuses() {
        Decision missing = check(FilterSettings.defaults()).check(TestRequest.withBody("POST", "/app/signin",
                "application/x-www-form-urlencoded", "user=grace&tc-verification-token="));
        assertEquals("token-missing", missing.code());
        assertTrue(missing.enforced());

        TestRequest request = TestRequest.of("POST", "/app/signin").header("X-TrustCaptcha-Token",
                Tokens.of(UUID.randomUUID()));
        Decision strict = check(FilterSettings.defaults().with(Policy.maxScore(0.3))).check(request);
        assertEquals("score-too-high", strict.code());
        assertNull(request.getAttribute(VerificationResult.ATTRIBUTE));
    }

    @Test
    void inMonitorModeARefusalIsPublishedAndTheLoginGoesOn() {
        TestRequest request = TestRequest.of("POST", "/app/signin");
        assertNull(check(FilterSettings.defaults().with(Mode.MONITOR)).check(request));
        Decision published = (Decision) request.getAttribute(Decision.ATTRIBUTE);
        assertEquals("token-missing", published.code());
        assertFalse(published.enforced());
    }

    @Test
    void aDecisionOfTheServletFilterIsTakenOverUnderTheLoginsPolicy() {
        UUID id = UUID.randomUUID();
        Decision accepted = Decision.accepted(ResultJson.parse(Results.json(id, true, 0.4, null, false)
                .getBytes(StandardCharsets.UTF_8)).orElseThrow());
        TestRequest lax = TestRequest.of("POST", "/app/signin").header("X-TrustCaptcha-Token", Tokens.of(id));
        lax.setAttribute(Decision.ATTRIBUTE, accepted);
        assertNull(check(FilterSettings.defaults()).check(lax));
        assertSame(accepted, lax.getAttribute(Decision.ATTRIBUTE));

        TestRequest strict = TestRequest.of("POST", "/app/signin").header("X-TrustCaptcha-Token", Tokens.of(id));
        strict.setAttribute(Decision.ATTRIBUTE, accepted);
        assertEquals("score-too-high", check(FilterSettings.defaults().with(Policy.maxScore(0.3))).check(strict)
                .code());
        assertTrue(asked.isEmpty(), "the token was spent: never asked again");
    }

    @Test
    void everyRequestThatCouldCarryCredentialsIsCheckedOthersAreNot() {
        assertTrue(LoginCheck.submitsCredentials(TestRequest.of("GET", "/app/page"), true), "a credential");
        assertTrue(LoginCheck.submitsCredentials(TestRequest.withBody("POST", "/app/j_security_check",
                "application/x-www-form-urlencoded", "j_username=grace&j_password=secret"), false));
        assertTrue(LoginCheck.submitsCredentials(TestRequest.of("GET", "/app/j_security_check").query(
                "j_username=grace&j_password=secret"), false), "a GET, which Open Liberty's mechanism reads");
        assertTrue(LoginCheck.submitsCredentials(TestRequest.withBody("POST", "/app/j_security_check;jsessionid=1",
                "application/x-www-form-urlencoded", "j_password=secret"), false), "one of the two, a path parameter");
        assertFalse(LoginCheck.submitsCredentials(TestRequest.of("GET", "/app/j_security_check"), false));
        assertFalse(LoginCheck.submitsCredentials(TestRequest.withBody("POST", "/app/signin",
                "application/x-www-form-urlencoded", "j_username=grace&j_password=secret"), false));
    }

    @Test
    void aRefusalIsAnsweredWithTheFiltersProblemAndCommitted() throws IOException {
        TestResponse response = new TestResponse();
        Decision refusal = check(FilterSettings.defaults()).check(TestRequest.of("POST", "/app/signin"));
        check(FilterSettings.defaults()).refuse(response, refusal);
        assertEquals(403, response.getStatus());
        assertEquals("application/problem+json", response.getContentType());
        assertTrue(response.isCommitted());
        assertTrue(response.body().contains("\"code\":\"token-missing\""), response.body());
    }
}
