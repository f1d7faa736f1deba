package dev.captchagate.trustcaptcha.demo;

import dev.captchagate.trustcaptcha.CurrentVerification;
import dev.captchagate.trustcaptcha.VerificationResult;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** "Your application" in {@link SandboxInYourTestsIT}: a sign-up the TrustCaptcha filter protects. */
@WebServlet("/signup")
public class SignupServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private transient CurrentVerification verification;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        VerificationResult result = verification.result().orElseThrow();
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().print("welcome " + request.getParameter("name") + ", score " + result.score());
    }
}
