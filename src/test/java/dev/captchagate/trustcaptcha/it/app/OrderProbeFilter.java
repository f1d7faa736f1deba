package dev.captchagate.trustcaptcha.it.app;

import dev.captchagate.trustcaptcha.Decision;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Test application: an application filter on every path that reports, in a header, whether the TrustCaptcha
 * filter had already decided when it ran (a declared filter runs before the self-registered TrustCaptcha filter).
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class OrderProbeFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Object decision = request.getAttribute(Decision.ATTRIBUTE);
        response.setHeader("X-Order-Probe", decision == null ? "before-trustcaptcha" : "after-trustcaptcha");
        chain.doFilter(request, response);
    }
}
