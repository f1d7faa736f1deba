package dev.captchagate.bench;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Scenario V, "the vendor's way", pinned: the vendor's Java library 3.0 re-created as a servlet (the library itself
 * is not served here), with no filter in front. It gets the very request C gets: the token in the JSON body
 * {@code {"verificationToken":"..."}}, which it reads with JSON-P; it decodes the token (Base64, then JSON-P for
 * {@code verificationId}); asks the result API with a blocking {@link HttpURLConnection} with the vendor's settings
 * (connect timeout 3 s, read timeout 5 s, no redirects, {@code Authorization: Bearer}, the vendor's User-Agent);
 * parses the result into a result type with every member of the API's result ({@link VendorResult}, as the vendor's
 * {@code VerificationResult}); and accepts a passed result with a score of at most 0.5, as every vendor sample
 * does. No bulkhead, no breaker, no replay protection: none of those is in the vendor's library. The answer's body is
 * read to its end and the stream closed (never {@code disconnect()}), the best case for the JDK's keep-alive cache.
 */
public class VendorServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final byte[] OK = "ok\n".getBytes(StandardCharsets.US_ASCII);
    private static final String BASE = System.getenv("TRUSTCAPTCHA_MP_REST_URL");
    private static final String KEY = System.getenv("TRUSTCAPTCHA_API_KEY");
    private static final String USER_AGENT = "Trustcaptcha/" + Base64.getEncoder().encodeToString(
            "{\"language\":\"jvm\",\"version\":\"bench\"}".getBytes(StandardCharsets.UTF_8));

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String token = Tokens.fromJsonBody(request);
        String id;
        try (JsonReader reader = Tokens.JSON.createReader(
                new ByteArrayInputStream(Base64.getDecoder().decode(token)))) {
            id = reader.readObject().getString("verificationId");
        } catch (RuntimeException invalid) {
            response.sendError(403, "token invalid");
            return;
        }
        VendorResult result;
        try {
            HttpURLConnection connection = (HttpURLConnection) new URL(BASE + "/v2/verifications/" + id + "/results")
                    .openConnection();
            connection.setConnectTimeout(3000);
            connection.setReadTimeout(5000);
            connection.setInstanceFollowRedirects(false);
            connection.setRequestProperty("Authorization", "Bearer " + KEY);
            connection.setRequestProperty("User-Agent", USER_AGENT);
            connection.setRequestProperty("Accept", "application/json");
            int status = connection.getResponseCode();
            if (status != 200) {
                InputStream error = connection.getErrorStream();
                if (error != null) {
                    try (error) {
                        error.readAllBytes();
                    }
                }
                response.sendError(status == 404 || status == 410 || status == 423 || status == 429 ? 403 : 503,
                        "verification failed: HTTP " + status);
                return;
            }
            byte[] body;
            try (InputStream in = connection.getInputStream()) {
                body = in.readAllBytes();
            }
            try (JsonReader reader = Tokens.JSON.createReader(new ByteArrayInputStream(body))) {
                result = VendorResult.of(reader.readObject());
            }
        } catch (IOException | RuntimeException unreachable) {
            response.sendError(503, "TrustCaptcha unreachable");
            return;
        }
        if (!result.verificationPassed() || result.score() > 0.5) {
            response.sendError(403, "verification failed or bot score > 0.5");
            return;
        }
        if (!id.equals(result.verificationId())) {
            response.sendError(500, "the result does not match the token");
            return;
        }
        response.setContentType("text/plain");
        response.setContentLength(OK.length);
        response.getOutputStream().write(OK);
    }

    /** Every member of the API's verification result (v3), as the vendor's {@code VerificationResult} has them. */
    record VendorResult(String captchaId, String verificationId, double score, boolean verificationPassed,
                        String decisionType, String decisionAction, boolean gatewayFailoverActive,
                        boolean riskScoringEnabled, boolean minimalDataModeEnabled, String origin, String ipAddress,
                        String countryCode, String deviceFamily, String operatingSystem, String browser,
                        String verificationStartedAt, String verificationFinishedAt, String resultExpiresAt,
                        String resultFirstFetchedAt, String resultLastFetchedAt) {

        static VendorResult of(JsonObject json) {
            return new VendorResult(json.getString("captchaId", null), json.getString("verificationId", null),
                    json.getJsonNumber("score").doubleValue(), json.getBoolean("verificationPassed", false),
                    json.getString("decisionType", null), json.getString("decisionAction", null),
                    json.getBoolean("gatewayFailoverActive", false), json.getBoolean("riskScoringEnabled", false),
                    json.getBoolean("minimalDataModeEnabled", false), json.getString("origin", null),
                    json.getString("ipAddress", null), json.getString("countryCode", null),
                    json.getString("deviceFamily", null), json.getString("operatingSystem", null),
                    json.getString("browser", null), json.getString("verificationStartedAt", null),
                    json.getString("verificationFinishedAt", null), json.getString("resultExpiresAt", null),
                    json.getString("resultFirstFetchedAt", null), json.getString("resultLastFetchedAt", null));
        }
    }
}
