package dev.captchagate.trustcaptcha.it.app;

import jakarta.servlet.annotation.WebFilter;

/** Test application: the CORS filter declared by annotation. */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class AnnotatedCorsFilter extends CorsFilter {

    private static final long serialVersionUID = 1L;
}
