package dev.captchagate.demo;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** JAX-RS at {@code /api}; the TrustCaptcha filter protects {@code /api/*} (see {@code web.xml}). */
@ApplicationPath("/api")
public class DemoApplication extends Application {
}
