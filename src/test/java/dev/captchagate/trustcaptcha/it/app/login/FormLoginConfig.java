package dev.captchagate.trustcaptcha.it.app.login;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.FormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;

/** Test application: Jakarta Security's built-in FORM mechanism (j_security_check). */
@ApplicationScoped
@DeclareRoles("user")
@FormAuthenticationMechanismDefinition(loginToContinue = @LoginToContinue(loginPage = "/login-page",
        errorPage = "/login-error", useForwardToLogin = false))
public class FormLoginConfig {
}
