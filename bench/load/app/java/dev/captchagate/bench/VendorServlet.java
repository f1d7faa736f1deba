package dev.captchagate.bench;

import jakarta.json.Json;
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
 * Scenario V, "the vendor's way": no filter; the servlet verifies inline, as TrustCaptcha's Java library does: it
 * decodes the token (JSON), asks the result API with a blocking {@link HttpURLConnection} (connect timeout 3 s,
 * read timeout 5 s, no redirects, Bearer key), parses the result JSON and accepts a passed result with a score of
 * at most 0.5. No bulkhead, no breaker, no replay protection: none of those is in the vendor's library. The body is
 * read to its end and the stream closed (never {@code disconnect()}), which is the best case for the JDK's
 * keep-alive cache.
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
        String token = request.getHeader(Tokens.HEADER);
        String id;
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(Base64.getDecoder().decode(token)))) {
            id = reader.readObject().getString("verificationId");
        } catch (RuntimeException invalid) {
            response.sendError(403, "token invalid");
            return;
        }
        JsonObject result;
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
            try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
                result = reader.readObject();
            }
        } catch (IOException | RuntimeException unreachable) {
            response.sendError(503, "TrustCaptcha unreachable");
            return;
        }
        if (!result.getBoolean("verificationPassed", false) || result.getJsonNumber("score").doubleValue() > 0.5) {
            response.sendError(403, "verification failed or bot score > 0.5");
            return;
        }
        if (!id.equals(result.getString("verificationId", null))) {
            response.sendError(500, "the result does not match the token");
            return;
        }
        response.setContentType("text/plain");
        response.setContentLength(OK.length);
        response.getOutputStream().write(OK);
    }
}
