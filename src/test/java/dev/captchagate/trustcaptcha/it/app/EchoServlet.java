package dev.captchagate.trustcaptcha.it.app;

import dev.captchagate.trustcaptcha.CurrentVerification;
import dev.captchagate.trustcaptcha.Decision;
import dev.captchagate.trustcaptcha.TrustCaptchaFilter;
import dev.captchagate.trustcaptcha.VerificationResult;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Test application: reports what the application sees of a request, so that a test can compare a protected path
 * with an unprotected one byte for byte. The query parameter {@code read} says how to read the body:
 * {@code stream}, {@code reader}, {@code params}, {@code stream-then-params}, {@code params-then-stream};
 * {@code enc} makes it call {@code setCharacterEncoding} first, as applications do.
 */
@WebServlet(urlPatterns = {"/open/echo", "/form/echo", "/json/echo", "/custom/echo", "/api/echo", "/other/echo"})
public class EchoServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private transient CurrentVerification verification;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String read = "stream";
        String query = request.getQueryString() == null ? "" : request.getQueryString();
        for (String pair : query.split("&")) {
            if (pair.startsWith("read=")) {
                read = pair.substring(5);
            }
            if (pair.startsWith("enc=")) {
                request.setCharacterEncoding(pair.substring(4));
            }
        }
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("method", request.getMethod())
                .add("contentLength", request.getContentLengthLong())
                .add("characterEncoding", String.valueOf(request.getCharacterEncoding()));
        switch (read) {
            case "reader":
                StringBuilder text = new StringBuilder();
                char[] buffer = new char[4096];
                for (int n; (n = request.getReader().read(buffer)) >= 0; ) {
                    text.append(buffer, 0, n);
                }
                json.add("text", text.toString());
                break;
            case "params":
                json.add("params", params(request));
                break;
            case "stream-then-params":
                json.add("body", base64(request.getInputStream().readAllBytes()));
                json.add("params", params(request));
                break;
            case "params-then-stream":
                json.add("params", params(request));
                json.add("body", base64(request.getInputStream().readAllBytes()));
                break;
            default:
                json.add("body", base64(request.getInputStream().readAllBytes()));
        }
        VerificationResult attribute = (VerificationResult) request.getAttribute(TrustCaptchaFilter.RESULT_ATTRIBUTE);
        json.add("resultAttribute", attribute == null ? "none" : attribute.verificationId().toString());
        json.add("resultCdi", verification.result().map(r -> r.verificationId().toString()).orElse("none"));
        json.add("decisionCdi", verification.decision().map(Decision::code).orElse("none"));
        response.setContentType("application/json");
        response.getOutputStream().write(json.build().toString().getBytes(StandardCharsets.UTF_8));
    }

    static JsonObjectBuilder params(HttpServletRequest request) {
        JsonObjectBuilder params = Json.createObjectBuilder();
        for (Map.Entry<String, String[]> entry : request.getParameterMap().entrySet()) {
            JsonArrayBuilder values = Json.createArrayBuilder();
            for (String value : entry.getValue()) {
                values.add(value);
            }
            params.add(entry.getKey(), values);
        }
        return params;
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
