package dev.captchagate.trustcaptcha.internal.filter;

/**
 * A refusal's answer, whoever writes it: the servlet filter on its response, the JAX-RS binding as the response it
 * aborts the request with. Headers: {@code Content-Type: }{@value #CONTENT_TYPE}, {@code Cache-Control: no-store},
 * and on a 503 {@code Retry-After: }{@value #RETRY_AFTER_SECONDS}.
 *
 * @param status its status
 * @param body its {@code application/problem+json} body, UTF-8
 * @param retryAfter whether it carries {@code Retry-After} (a 503)
 */
public record Problem(int status, byte[] body, boolean retryAfter) {

    /** The content type of every refusal. */
    public static final String CONTENT_TYPE = ProblemResponder.CONTENT_TYPE;

    /** How long a client should wait after a 503, in seconds. */
    public static final int RETRY_AFTER_SECONDS = ProblemResponder.RETRY_AFTER_SECONDS;
}
