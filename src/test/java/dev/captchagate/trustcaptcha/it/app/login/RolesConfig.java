package dev.captchagate.trustcaptcha.it.app.login;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;

/** Test application: the role of an application with its own mechanism. */
@ApplicationScoped
@DeclareRoles("user")
public class RolesConfig {
}
