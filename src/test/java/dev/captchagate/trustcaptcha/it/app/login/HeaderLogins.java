package dev.captchagate.trustcaptcha.it.app.login;

import dev.captchagate.trustcaptcha.LoginRequests;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;

/** Test application: says which requests carry credentials to {@link HeaderMechanism}. */
@ApplicationScoped
public class HeaderLogins implements LoginRequests {

    @Override
    public boolean submitsCredentials(HttpServletRequest request, HttpMessageContext context) {
        return request.getHeader("X-Login-User") != null;
    }
}
