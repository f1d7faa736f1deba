package dev.captchagate.trustcaptcha.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.captchagate.trustcaptcha.VerificationResult;
import dev.captchagate.trustcaptcha.testing.Results;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResultJsonTest {

    private static final UUID ID = UUID.fromString("0a7c2d9e-1111-4c3b-8d2e-5f6a7b8c9d0e");

    @Test
    void bindsEveryMemberOfTheV3Result() {
        VerificationResult result = parse(Results.json(ID, true, 0.25, "https://shop.example.com", true));
        assertEquals(Results.CAPTCHA_ID, result.captchaId());
        assertEquals(ID, result.verificationId());
        assertTrue(result.verificationPassed());
        assertEquals(0.25, result.score());
        assertEquals("FAILOVER", result.decisionType());
        assertEquals("ALLOW", result.decisionAction());
        assertTrue(result.gatewayFailoverActive());
        assertTrue(result.riskScoringEnabled());
        assertFalse(result.minimalDataModeEnabled());
        assertEquals("https://shop.example.com", result.origin());
        assertEquals("203.0.113.7", result.ipAddress());
        assertEquals("CH", result.countryCode());
        assertEquals("Desktop", result.deviceFamily());
        assertEquals("Linux", result.operatingSystem());
        assertEquals("Firefox", result.browser());
        assertEquals("2026-11-23T10:15:30.123Z", result.verificationStartedAt());
        assertEquals("2026-11-23T10:15:31.456Z", result.verificationFinishedAt());
        assertEquals("2026-11-23T10:30:31.456Z", result.resultExpiresAt());
        assertEquals("2026-11-23T10:15:33.001Z", result.resultFirstFetchedAt());
        assertEquals("2026-11-23T10:15:33.001Z", result.resultLastFetchedAt());
    }

    @Test
    void serialisesBackToTheSameMembersAndValues() {
        String sent = Results.json(ID, true, 0.25, "https://shop.example.com", false);
        JsonObject original = Json.createReader(new StringReader(sent)).readObject();
        JsonObject echoed = Json.createReader(new StringReader(parse(sent).toJson())).readObject();

        for (String member : echoed.keySet()) {
            assertEquals(original.get(member), echoed.get(member), member);
        }
        JsonObject expected = Json.createObjectBuilder(original).remove("someFutureMember").build();
        assertEquals(expected.keySet(), echoed.keySet());
    }

    @Test
    void readsAbsentMembersTheWayTheVendorLibrariesDo() {
        VerificationResult result = parse("{\"verificationId\":\"" + ID + "\"}");
        assertEquals(ID, result.verificationId());
        assertFalse(result.verificationPassed());
        assertEquals(0.0, result.score());
        assertNull(result.origin());
        assertFalse(result.gatewayFailoverActive());
    }

    @Test
    void keepsClientDetailsOutOfToString() {
        String text = parse(Results.human(ID)).toString();
        assertTrue(text.contains(ID.toString()));
        assertFalse(text.contains("203.0.113.7"), text);
        assertFalse(text.contains("Firefox"), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "   ",
        "null",
        "[]",
        "\"result\"",
        "42",
        "<html><body>Login</body></html>",
        "{\"verificationPassed\":",
        "{\"verificationId\":\"not-a-uuid\"}",
        "{\"score\":\"high\"}",
        "{\"score\":1e999999}",
        "{\"score\":\"NaN\"}",
        "{\"score\":-0.01}",
        "{\"score\":1.5}",
    })
    void findsNoResultInWhatIsNotOne(String body) {
        assertTrue(ResultJson.parse(body.getBytes(StandardCharsets.UTF_8)).isEmpty(), body);
    }

    private static VerificationResult parse(String json) {
        return ResultJson.parse(json.getBytes(StandardCharsets.UTF_8)).orElseThrow();
    }
}
