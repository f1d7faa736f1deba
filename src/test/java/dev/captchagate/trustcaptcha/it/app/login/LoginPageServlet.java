package dev.captchagate.trustcaptcha.it.app.login;

import dev.captchagate.trustcaptcha.Decision;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Test application: the login page (and its error page); says the refusal's code when it was forwarded one. */
@WebServlet({"/login-page", "/login-error"})
public class LoginPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        page(request, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        page(request, response);
    }

    private static void page(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object decision = request.getAttribute(Decision.ATTRIBUTE);
        response.setContentType("text/plain");
        response.getWriter().write("login page" + (request.getServletPath().equals("/login-error") ? " (error)" : "")
                + (decision instanceof Decision refused ? ", refused: " + refused.code() : ""));
    }
}
