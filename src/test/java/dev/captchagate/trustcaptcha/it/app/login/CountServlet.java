package dev.captchagate.trustcaptcha.it.app.login;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Test application: how often the identity store was asked, and who the caller is. */
@WebServlet("/count")
public class CountServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient CountingIdentityStore store;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json");
        response.getWriter().write("{\"calls\":" + store.calls() + "}");
    }
}
