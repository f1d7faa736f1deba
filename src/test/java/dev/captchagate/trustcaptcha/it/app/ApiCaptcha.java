package dev.captchagate.trustcaptcha.it.app;

import dev.captchagate.trustcaptcha.TrustCaptchaFilter;
import jakarta.servlet.annotation.WebFilter;

/** Test application: the filter installed the annotation way. */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class ApiCaptcha extends TrustCaptchaFilter {

    private static final long serialVersionUID = 1L;
}
