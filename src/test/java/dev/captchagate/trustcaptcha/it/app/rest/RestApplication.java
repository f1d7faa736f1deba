package dev.captchagate.trustcaptcha.it.app.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Test application: JAX-RS under /r, no binding of its own; the resources say what they protect. */
@ApplicationPath("/r")
public class RestApplication extends Application {
}
