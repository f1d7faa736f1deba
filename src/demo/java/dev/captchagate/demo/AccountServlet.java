package dev.captchagate.demo;

import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/** The page behind the sign-in (members only); a post signs out. */
@WebServlet("/account")
@ServletSecurity(@HttpConstraint(rolesAllowed = DemoSecurity.MEMBER))
public class AccountServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Pages.write(response, Pages.render(getServletContext(), "account.html", Map.of(
                "user", Pages.text(request.getUserPrincipal().getName()))));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            request.logout();
        } catch (jakarta.servlet.ServletException notSignedIn) {
            // signed out anyway
        }
        if (request.getSession(false) != null) {
            request.getSession(false).invalidate();
        }
        response.sendRedirect(request.getContextPath() + "/");
    }
}
