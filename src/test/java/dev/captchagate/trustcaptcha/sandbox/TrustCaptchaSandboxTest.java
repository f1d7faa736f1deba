package dev.captchagate.trustcaptcha.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sandbox over real HTTP on 127.0.0.1, as the widget and the library reach it. */
class TrustCaptchaSandboxTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final TrustCaptchaSandbox sandbox = TrustCaptchaSandbox.start();

    @AfterEach
    void close() {
        sandbox.close();
    }

    @Test
    void itListensOnLoopbackOnly() {
        assertTrue(sandbox.url().matches("http://127\\.0\\.0\\.1:\\d+"), sandbox.url());
        assertEquals(TrustCaptchaSandbox.API_KEY, sandbox.apiKey());
        assertEquals(52, TrustCaptchaSandbox.API_KEY.length());
        assertEquals(52, TrustCaptchaSandbox.VENDOR_TEST_API_KEY.length());
    }

    @Test
    void theWholeFlowWorksOverHttp() {
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(uri("/v2/verifications"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:8080")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type"));
        assertEquals(204, preflight.statusCode());
        assertEquals("http://localhost:8080", preflight.headers().firstValue("Access-Control-Allow-Origin")
                .orElseThrow());

        HttpResponse<String> created = post("/v2/verifications",
                "{\"siteKey\":\"" + SandboxOutcome.BOT.siteKey() + "\"}");
        assertEquals(200, created.statusCode(), created.body());
        assertEquals("http://localhost:8080", created.headers().firstValue("Access-Control-Allow-Origin")
                .orElseThrow());
        Map<?, ?> challenge = (Map<?, ?>) Json.parseObject(created.body()).get("challenge");
        StringBuilder tasks = new StringBuilder();
        for (Object task : (List<?>) challenge.get("tasks")) {
            Map<?, ?> t = (Map<?, ?>) task;
            tasks.append(tasks.length() == 0 ? "" : ",").append("{\"number\":")
                    .append(((Double) t.get("number")).intValue()).append(",\"nonce\":\"")
                    .append(SandboxApi.ProofOfWork.solve((String) t.get("input"), TrustCaptchaSandbox.DIFFICULTY))
                    .append("\"}");
        }
        HttpResponse<String> finished = post("/v2/verifications/" + challenge.get("verificationId")
                + "/challenges", "{\"tasks\":[" + tasks + "]}");
        assertEquals(201, finished.statusCode(), finished.body());
        String token = (String) ((Map<?, ?>) Json.parseObject(finished.body()).get("finished"))
                .get("verificationToken");
        String id = (String) Json.parseObject(new String(Base64.getDecoder().decode(token),
                StandardCharsets.UTF_8)).get("verificationId");

        HttpResponse<String> result = result(id, TrustCaptchaSandbox.API_KEY);
        assertEquals(200, result.statusCode());
        assertEquals("application/json", result.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(0.9, Json.parseObject(result.body()).get("score"));
        assertEquals(429, result(id, TrustCaptchaSandbox.API_KEY).statusCode());
    }

    @Test
    void mintedTokensAndTheKeyCheckWorkOverHttp() {
        String id = (String) Json.parseObject(new String(Base64.getDecoder().decode(
                sandbox.token(SandboxOutcome.FAILED)), StandardCharsets.UTF_8)).get("verificationId");
        assertEquals(403, result(id, "invalid-key").statusCode());
        HttpResponse<String> result = result(id, TrustCaptchaSandbox.API_KEY);
        assertEquals(200, result.statusCode());
        assertEquals(false, Json.parseObject(result.body()).get("verificationPassed"));
    }

    @Test
    void aTooLargeBodyIs413() {
        HttpResponse<String> response = post("/v2/verifications", "{\"pad\":\"" + "x".repeat(70_000) + "\"}");
        assertEquals(413, response.statusCode());
    }

    @Test
    void closingFreesThePortAndStopsAnswering() throws IOException {
        TrustCaptchaSandbox other = TrustCaptchaSandbox.start();
        int port = other.port();
        other.close();
        UncheckedIOException refused = assertThrows(UncheckedIOException.class,
                () -> send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/verifications"))
                        .GET()));
        assertTrue(refused.getCause() instanceof ConnectException, refused.toString());
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertEquals(port, again.getLocalPort());
        }
    }

    @Test
    void aFixedPortCanBeChosen() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = free.getLocalPort();
        }
        try (TrustCaptchaSandbox fixed = TrustCaptchaSandbox.start(port)) {
            assertEquals("http://127.0.0.1:" + port, fixed.url());
            assertEquals(UncheckedIOException.class, assertThrows(RuntimeException.class,
                    () -> TrustCaptchaSandbox.start(port)).getClass(), "a taken port is an error");
        }
    }

    private URI uri(String path) {
        return URI.create(sandbox.url() + path);
    }

    private HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("Origin", "http://localhost:8080").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<String> result(String id, String key) {
        return send(HttpRequest.newBuilder(uri("/v2/verifications/" + id + "/results"))
                .header("Authorization", "Bearer " + key).GET());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
