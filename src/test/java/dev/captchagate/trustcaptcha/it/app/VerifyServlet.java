package dev.captchagate.trustcaptcha.it.app;

import dev.captchagate.trustcaptcha.TrustCaptchaVerifier;
import dev.captchagate.trustcaptcha.Verification;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Test application: verifies the token in the request body with the injected verifier, the way application code
 * would, and reports the outcome and how long it took as JSON.
 */
@WebServlet("/verify")
public class VerifyServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private transient TrustCaptchaVerifier verifier;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String token = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        long start = System.nanoTime();
        Verification verification = verifier.verify(token);
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("elapsedMs", elapsed)
                .add("detail", verification.detail());
        verification.failure().ifPresent(failure -> json.add("failure", failure.name()).add("code", failure.code()));
        verification.result().ifPresent(result ->
                json.add("result", Json.createReader(new StringReader(result.toJson())).readObject()));
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json.build().toString());
    }
}
