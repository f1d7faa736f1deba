package dev.captchagate.trustcaptcha.testing;

import java.util.Locale;
import java.util.UUID;

/** Result JSON in the v3 shape, with every member, for the fake API and for assertions. */
public final class Results {

    /** The captcha id every fake result carries. */
    public static final UUID CAPTCHA_ID = UUID.fromString("6f1d6a1e-3c55-4a8c-9f2b-2b5c7c0d9e11");

    private Results() {
    }

    /** A human: passed, score 0.1, origin {@code https://shop.example.com}. */
    public static String human(UUID verificationId) {
        return json(verificationId, true, 0.1, "https://shop.example.com", false);
    }

    /** A bot: passed, score 0.9. */
    public static String bot(UUID verificationId) {
        return json(verificationId, true, 0.9, "https://shop.example.com", false);
    }

    /** A failed verification: not passed, score 1.0. */
    public static String failed(UUID verificationId) {
        return json(verificationId, false, 1.0, "https://shop.example.com", false);
    }

    /** A result TrustCaptcha's gateway handed out during its own failover. */
    public static String gatewayFailover(UUID verificationId) {
        return json(verificationId, true, 0.0, "https://shop.example.com", true);
    }

    /** A result with every v3 member. */
    public static String json(UUID verificationId, boolean passed, double score, String origin,
                              boolean gatewayFailover) {
        return String.format(Locale.ROOT, "{"
                + "\"captchaId\":\"%s\","
                + "\"verificationId\":\"%s\","
                + "\"verificationPassed\":%b,"
                + "\"score\":%s,"
                + "\"decisionType\":\"%s\","
                + "\"decisionAction\":\"ALLOW\","
                + "\"gatewayFailoverActive\":%b,"
                + "\"riskScoringEnabled\":true,"
                + "\"minimalDataModeEnabled\":false,"
                + "\"origin\":%s,"
                + "\"ipAddress\":\"203.0.113.7\","
                + "\"countryCode\":\"CH\","
                + "\"deviceFamily\":\"Desktop\","
                + "\"operatingSystem\":\"Linux\","
                + "\"browser\":\"Firefox\","
                + "\"verificationStartedAt\":\"2026-11-23T10:15:30.123Z\","
                + "\"verificationFinishedAt\":\"2026-11-23T10:15:31.456Z\","
                + "\"resultExpiresAt\":\"2026-11-23T10:30:31.456Z\","
                + "\"resultFirstFetchedAt\":\"2026-11-23T10:15:33.001Z\","
                + "\"resultLastFetchedAt\":\"2026-11-23T10:15:33.001Z\","
                + "\"someFutureMember\":{\"nested\":[1,2,3]}"
                + "}",
                CAPTCHA_ID, verificationId, passed, Double.toString(score),
                gatewayFailover ? "FAILOVER" : "STANDARD", gatewayFailover,
                origin == null ? "null" : "\"" + origin + "\"");
    }
}
