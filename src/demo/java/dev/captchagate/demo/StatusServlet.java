package dev.captchagate.demo;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /status}: which TrustCaptcha the demo talks to ({@code ok: sandbox} or {@code ok: trustcaptcha}). Not
 * {@code /health}: that path is the server's, where MicroProfile Health answers with the library's checks.
 */
@WebServlet("/status")
public class StatusServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().print(DemoMode.current().sandbox() ? "ok: sandbox\n" : "ok: trustcaptcha\n");
    }
}
