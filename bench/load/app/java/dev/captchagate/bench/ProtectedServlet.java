package dev.captchagate.bench;

import dev.captchagate.trustcaptcha.TrustCaptchaFilter;
import dev.captchagate.trustcaptcha.VerificationResult;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Scenario C: the endpoint behind TrustCaptchaFilter. It reads its JSON body with JSON-P, as an application does
 * (V reads the same body the same way), and checks the filter's decision, not only that it ran: the request must
 * carry a result, for the very verification id of the token in that body, passed, with a score the policy accepts;
 * otherwise it answers 500, which the benchmark counts as a wrong decision.
 */
public class ProtectedServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final byte[] OK = "ok\n".getBytes(StandardCharsets.US_ASCII);

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object attribute = request.getAttribute(TrustCaptchaFilter.RESULT_ATTRIBUTE);
        // The application reads its own JSON body (the filter left it intact) and finds the token it sent in it.
        String id = Tokens.verificationId(Tokens.fromJsonBody(request));
        if (!(attribute instanceof VerificationResult) || id == null) {
            response.sendError(500, "no result for a request the filter let through");
            return;
        }
        VerificationResult result = (VerificationResult) attribute;
        if (!id.equals(String.valueOf(result.verificationId())) || !result.verificationPassed() || result.score() > 0.5) {
            response.sendError(500, "the filter let through a result that does not match the token");
            return;
        }
        response.setContentType("text/plain");
        response.setContentLength(OK.length);
        response.getOutputStream().write(OK);
    }
}
