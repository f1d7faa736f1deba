package dev.captchagate.demo;

import dev.captchagate.trustcaptcha.sandbox.SandboxOutcome;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * The sign-in page: the widget in a form with a user name and a password. The post hands the credentials to Jakarta
 * Security; the library checks the CAPTCHA token first (a refusal comes back here as {@code ?trustcaptcha=<code>}),
 * then the identity store checks the password.
 */
@WebServlet("/signin")
public class SignInServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient SecurityContext security;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String code = request.getParameter("trustcaptcha");
        String message = code != null
                ? "<p class=\"problem\" id=\"signin-message\">Refused by the CAPTCHA check: <code>" + Pages.text(code)
                        + "</code>. Solve the CAPTCHA and sign in again.</p>"
                : request.getParameter("failed") != null
                        ? "<p class=\"problem\" id=\"signin-message\">Wrong user name or password.</p>"
                        : "";
        SandboxOutcome outcome = DemoMode.outcome(request.getParameter("outcome"));
        Pages.write(response, Pages.render(getServletContext(), "signin.html", Map.of(
                "message", message,
                "widget", PageServlet.widget(DemoMode.current(), outcome, request.getContextPath()))));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String user = request.getParameter("user");
        String password = request.getParameter("password");
        AuthenticationStatus status = security.authenticate(request, response, AuthenticationParameters.withParams()
                .newAuthentication(true)
                .credential(new UsernamePasswordCredential(user == null ? "" : user,
                        new Password(password == null ? "" : password))));
        if (response.isCommitted()) {
            return; // the CAPTCHA check sent the browser back to this page with its code
        }
        String context = request.getContextPath();
        response.sendRedirect(status == AuthenticationStatus.SUCCESS ? context + "/account"
                : context + "/signin?failed");
    }
}
