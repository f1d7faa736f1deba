package dev.captchagate.trustcaptcha;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.UUID;

/**
 * The verification result TrustCaptcha hands out for one verification: the v3 result JSON, member for member.
 *
 * <p>Immutable. JSON-B maps it both ways: unknown members of the API's answer are ignored, and serialising it
 * (with any JSON-B, or {@link #toJson()}) gives back the same members with the same values, which is what the
 * vendor's samples return to the browser. Absent booleans read as {@code false} and an absent score as {@code 0},
 * as in the vendor's own libraries; the timestamps are kept as the ISO-8601 strings the API sent.
 *
 * <p>Deciding is not this type's job: {@code verificationPassed} and {@code score} are the facts, the policy
 * (score threshold, origins, failover) decides.
 *
 * @param captchaId the CAPTCHA (site) the verification belongs to
 * @param verificationId the verification this result is for
 * @param verificationPassed whether the verification was passed
 * @param score the bot score: {@code 0} is a human, {@code 1} a bot; always {@code 0} in minimal data mode
 * @param decisionType how TrustCaptcha decided; documented values {@code FAILOVER}, {@code FAILOVER_TOLERANCE}
 * @param decisionAction what TrustCaptcha decided; documented value {@code ALLOW}
 * @param gatewayFailoverActive whether TrustCaptcha answered from its gateway failover (degraded, not down)
 * @param riskScoringEnabled whether risk scoring was on for this CAPTCHA
 * @param minimalDataModeEnabled whether minimal data mode was on (then the score is always 0)
 * @param origin the origin of the page the widget ran on, e.g. {@code https://shop.example.com}
 * @param ipAddress the client address TrustCaptcha saw
 * @param countryCode the country TrustCaptcha located the client in
 * @param deviceFamily the client's device family
 * @param operatingSystem the client's operating system
 * @param browser the client's browser
 * @param verificationStartedAt when the verification started (ISO-8601)
 * @param verificationFinishedAt when the verification finished (ISO-8601)
 * @param resultExpiresAt until when the result can be fetched (ISO-8601)
 * @param resultFirstFetchedAt when the result was first fetched (ISO-8601)
 * @param resultLastFetchedAt when the result was last fetched (ISO-8601)
 */
@JsonbPropertyOrder({"captchaId", "verificationId", "verificationPassed", "score", "decisionType", "decisionAction",
        "gatewayFailoverActive", "riskScoringEnabled", "minimalDataModeEnabled", "origin", "ipAddress",
        "countryCode", "deviceFamily", "operatingSystem", "browser", "verificationStartedAt",
        "verificationFinishedAt", "resultExpiresAt", "resultFirstFetchedAt", "resultLastFetchedAt"})
public record VerificationResult(
        UUID captchaId,
        UUID verificationId,
        boolean verificationPassed,
        double score,
        String decisionType,
        String decisionAction,
        boolean gatewayFailoverActive,
        boolean riskScoringEnabled,
        boolean minimalDataModeEnabled,
        String origin,
        String ipAddress,
        String countryCode,
        String deviceFamily,
        String operatingSystem,
        String browser,
        String verificationStartedAt,
        String verificationFinishedAt,
        String resultExpiresAt,
        String resultFirstFetchedAt,
        String resultLastFetchedAt) {

    /** The request attribute that holds the result of a request the filter accepted: {@value}. */
    public static final String ATTRIBUTE = "trustcaptcha.result";

    /**
     * This result as JSON, like the vendor's {@code verification_result.to_json()}.
     *
     * @return the JSON text, with the members the API sent (members that were {@code null} are left out)
     */
    public String toJson() {
        return Json.JSONB.toJson(this);
    }

    /**
     * This result without what identifies the user: {@code ipAddress}, {@code countryCode}, {@code deviceFamily},
     * {@code operatingSystem} and {@code browser} are {@code null}, everything else is the same. What the filter
     * publishes when {@code trustcaptcha.privacy.omit-personal-data} is {@code true}.
     *
     * @return the result without personal data
     */
    public VerificationResult withoutPersonalData() {
        return new VerificationResult(captchaId, verificationId, verificationPassed, score, decisionType,
                decisionAction, gatewayFailoverActive, riskScoringEnabled, minimalDataModeEnabled, origin, null, null,
                null, null, null, verificationStartedAt, verificationFinishedAt, resultExpiresAt, resultFirstFetchedAt,
                resultLastFetchedAt);
    }

    /** One {@link Jsonb} for the application, created on first use (it is thread-safe and costly to create). */
    private static final class Json {
        static final Jsonb JSONB = JsonbBuilder.create();
    }

    /**
     * A short description for logs: the verification id, passed and score; nothing about the client.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "VerificationResult[verificationId=" + verificationId + ", verificationPassed=" + verificationPassed
                + ", score=" + score + ", gatewayFailoverActive=" + gatewayFailoverActive + "]";
    }
}
