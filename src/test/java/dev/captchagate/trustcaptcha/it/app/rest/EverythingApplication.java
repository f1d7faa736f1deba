package dev.captchagate.trustcaptcha.it.app.rest;

import dev.captchagate.trustcaptcha.CaptchaProtected;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Test application: a binding on the Application, for every resource, with a policy of its own. */
@ApplicationPath("/all")
@CaptchaProtected(policy = "everything")
public class EverythingApplication extends Application {
}
