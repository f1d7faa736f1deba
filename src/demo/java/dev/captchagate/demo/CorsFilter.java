package dev.captchagate.demo;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * CORS for pages served from {@code http://localhost:*} and {@code http://127.0.0.1:*}, as the vendor's Flask
 * example allows (a front end on its own dev server, say). Mapped in {@code web.xml} before the TrustCaptcha
 * filter, so that its refusals carry CORS headers too: otherwise a cross-origin page could not read why it was
 * refused. Answers the preflight itself (the TrustCaptcha filter never checks {@code OPTIONS} anyway).
 */
public class CorsFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private static final Pattern ALLOWED = Pattern.compile("http://(localhost|127\\.0\\.0\\.1)(:\\d{1,5})?");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String origin = request.getHeader("Origin");
        boolean allowed = origin != null && ALLOWED.matcher(origin).matches();
        response.addHeader("Vary", "Origin");
        boolean preflight = "OPTIONS".equals(request.getMethod())
                && request.getHeader("Access-Control-Request-Method") != null;
        if (preflight) {
            if (!allowed) {
                response.sendError(403, "CORS: origin not allowed");
                return;
            }
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.setHeader("Access-Control-Allow-Methods", "POST, OPTIONS");
            response.setHeader("Access-Control-Allow-Headers", "Content-Type, X-TrustCaptcha-Token");
            response.setHeader("Access-Control-Max-Age", "600");
            response.setStatus(204);
            return;
        }
        if (allowed) {
            response.setHeader("Access-Control-Allow-Origin", origin);
        }
        chain.doFilter(request, response);
    }
}
