package dev.captchagate.demo;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.CustomFormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;

/**
 * The sign-in of the demo: Jakarta Security's custom form mechanism (the page {@code /signin} hands the credentials
 * to {@code SecurityContext.authenticate}) and an identity store with one user, {@code demo} with the password
 * {@code demo}. The library's {@code trustcaptcha.login.enabled} (set by {@link DemoConfigSource}) verifies the
 * CAPTCHA token before this store is asked.
 */
@ApplicationScoped
@DeclareRoles(DemoSecurity.MEMBER)
@CustomFormAuthenticationMechanismDefinition(loginToContinue = @LoginToContinue(loginPage = "/signin",
        errorPage = "", useForwardToLogin = false))
public class DemoSecurity implements IdentityStore {

    /** The role of a signed-in user. */
    public static final String MEMBER = "member";

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (credential instanceof UsernamePasswordCredential login && login.compareTo("demo", "demo")) {
            return new CredentialValidationResult("demo", Set.of(MEMBER));
        }
        return CredentialValidationResult.INVALID_RESULT;
    }
}
