package dev.captchagate.trustcaptcha;

import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Says which requests submit credentials, for an application whose own {@code HttpAuthenticationMechanism} takes
 * them some other way than the built-in mechanisms: the requests a CDI bean of this type names are verified by the
 * login's CAPTCHA ({@code trustcaptcha.login.enabled}) too, besides those of the library's rule, which it never
 * replaces.
 * <pre>{@code
 * @ApplicationScoped
 * public class ApiKeyLogins implements LoginRequests {
 *     public boolean submitsCredentials(HttpServletRequest request, HttpMessageContext context) {
 *         return request.getHeader("X-Login-User") != null;
 *     }
 * }
 * }</pre>
 * The library's rule: a call of {@code SecurityContext.authenticate} with a credential (which
 * {@code @CustomFormAuthenticationMechanismDefinition} logins make), and a request to {@code j_security_check} with
 * {@code j_username} or {@code j_password}, whatever its method (the form of
 * {@code @FormAuthenticationMechanismDefinition}).
 */
@FunctionalInterface
public interface LoginRequests {

    /**
     * Whether this call of the mechanism submits credentials, and so needs a good CAPTCHA token first.
     *
     * @param request the request
     * @param context the mechanism's context for this call
     * @return whether the request submits credentials
     */
    boolean submitsCredentials(HttpServletRequest request, HttpMessageContext context);
}
