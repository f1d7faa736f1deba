package dev.captchagate.trustcaptcha.it.app.login;

import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Test application: a page for signed-in users only; says who is signed in. */
@WebServlet("/secret")
@ServletSecurity(@HttpConstraint(rolesAllowed = "user"))
public class SecretServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().write("secret for " + request.getUserPrincipal().getName());
    }
}
