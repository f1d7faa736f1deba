package dev.captchagate.bench;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Scenario J, for the connection-reuse question only: V's inline verification, but through one shared
 * {@link java.net.http.HttpClient} (HTTP/1.1, connect timeout 3 s, a 5 s deadline per request, no redirects), the
 * JDK client a library fix could use instead of HttpURLConnection. Its pool keeps every idle connection (no cap
 * per destination), so the count of new connections shows what such a fix would do.
 */
public class JdkClientServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final byte[] OK = "ok\n".getBytes(StandardCharsets.US_ASCII);
    private static final String BASE = System.getenv("TRUSTCAPTCHA_MP_REST_URL");
    private static final String KEY = System.getenv("TRUSTCAPTCHA_API_KEY");
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String id = Tokens.verificationId(Tokens.fromJsonBody(request));
        if (id == null) {
            response.sendError(403, "token invalid");
            return;
        }
        JsonObject result;
        try {
            HttpResponse<byte[]> answer = CLIENT.send(HttpRequest.newBuilder(
                            URI.create(BASE + "/v2/verifications/" + id + "/results"))
                    .timeout(Duration.ofSeconds(5))
                    .header("Authorization", "Bearer " + KEY)
                    .header("Accept", "application/json")
                    .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() != 200) {
                response.sendError(503, "verification failed: HTTP " + answer.statusCode());
                return;
            }
            try (JsonReader reader = Tokens.JSON.createReader(new ByteArrayInputStream(answer.body()))) {
                result = reader.readObject();
            }
        } catch (IOException | RuntimeException unreachable) {
            response.sendError(503, "TrustCaptcha unreachable");
            return;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            response.sendError(503, "interrupted");
            return;
        }
        if (!result.getBoolean("verificationPassed", false) || result.getJsonNumber("score").doubleValue() > 0.5
                || !id.equals(result.getString("verificationId", null))) {
            response.sendError(500, "wrong result");
            return;
        }
        response.setContentType("text/plain");
        response.setContentLength(OK.length);
        response.getOutputStream().write(OK);
    }
}
