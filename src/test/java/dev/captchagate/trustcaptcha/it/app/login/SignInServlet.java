package dev.captchagate.trustcaptcha.it.app.login;

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

/**
 * Test application: the sign-in endpoint of a custom form login, as Jakarta Security's examples write it: it hands
 * the credentials to {@code SecurityContext.authenticate} and answers with the status.
 */
@WebServlet("/signin")
public class SignInServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient SecurityContext security;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String user = request.getParameter("user");
        String password = request.getParameter("password");
        AuthenticationStatus status = security.authenticate(request, response, AuthenticationParameters.withParams()
                .newAuthentication(true)
                .credential(new UsernamePasswordCredential(user, new Password(password == null ? "" : password))));
        if (response.isCommitted()) {
            return; // answered by the authentication (a refusal, a redirect)
        }
        response.setContentType("application/json");
        response.getWriter().write("{\"status\":\"" + status + "\",\"caller\":\""
                + (request.getUserPrincipal() == null ? "" : request.getUserPrincipal().getName()) + "\"}");
    }
}
