package dev.captchagate.trustcaptcha.it.app.login;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.CustomFormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;

/** Test application: Jakarta Security's built-in custom form mechanism (the application's own sign-in endpoint). */
@ApplicationScoped
@DeclareRoles("user")
@CustomFormAuthenticationMechanismDefinition(loginToContinue = @LoginToContinue(loginPage = "/login-page",
        errorPage = "", useForwardToLogin = false))
public class CustomFormLoginConfig {
}
