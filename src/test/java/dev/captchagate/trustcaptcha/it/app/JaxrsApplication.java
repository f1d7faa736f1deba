package dev.captchagate.trustcaptcha.it.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Test application: JAX-RS under /jaxrs. */
@ApplicationPath("/jaxrs")
public class JaxrsApplication extends Application {
}
