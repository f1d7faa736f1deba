package dev.captchagate.trustcaptcha.it.app.login;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Test application: its own authentication mechanism, which takes the credentials from two headers on any request
 * (neither a form nor {@code SecurityContext.authenticate}); {@link HeaderLogins} tells the library so.
 */
@ApplicationScoped
public class HeaderMechanism implements HttpAuthenticationMechanism {

    @Inject
    IdentityStoreHandler identityStores;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String user = request.getHeader("X-Login-User");
        if (user == null) {
            return context.isProtected() ? context.responseUnauthorized() : context.doNothing();
        }
        CredentialValidationResult result = identityStores.validate(new UsernamePasswordCredential(user,
                String.valueOf(request.getHeader("X-Login-Password"))));
        return result.getStatus() == CredentialValidationResult.Status.VALID
                ? context.notifyContainerAboutLogin(result) : context.responseUnauthorized();
    }
}
