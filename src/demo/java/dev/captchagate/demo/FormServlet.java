package dev.captchagate.demo;

import dev.captchagate.trustcaptcha.CurrentVerification;
import dev.captchagate.trustcaptcha.VerificationResult;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The classic form: the widget's hidden {@code tc-verification-token} field arrives with the other fields, the
 * TrustCaptcha filter (mapped to {@code /form} in {@code web.xml}) has checked it before this runs, and the
 * servlet reads the parameters as usual and the result through {@link CurrentVerification}.
 */
@WebServlet("/form")
public class FormServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient CurrentVerification verification;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        VerificationResult result = verification.result().orElse(null);
        if (result == null) {
            // Only reachable when the filter is not mapped here: never treat that as a pass.
            response.sendError(500, "The TrustCaptcha filter is not installed on /form.");
            return;
        }
        String name = request.getParameter("name");
        String who = name == null || name.isBlank() ? "stranger" : name.strip();
        String summary = result.gatewayFailoverActive()
                ? "Thank you, " + who + ". TrustCaptcha answered from its gateway failover; this app accepts that."
                : "Thank you, " + who + ". TrustCaptcha says human (score " + result.score() + ").";
        Pages.write(response, ResultPage.render(getServletContext(), request, true, 200, "accepted",
                "Accepted", summary, result.toJson()));
    }
}
