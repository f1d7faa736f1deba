package dev.captchagate.trustcaptcha.internal.ops;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The readiness check {@code trustcaptcha}: the breaker, the last failure, the calls in flight against the adaptive
 * limit, the replay store and the API key's state, as data; UP even while TrustCaptcha is unreachable unless
 * {@code trustcaptcha.health.down-when-unreachable} is set. Made a bean by the library's CDI extension, only where
 * the server has MicroProfile Health (no bean-defining annotation, so bean discovery never loads it elsewhere).
 */
@Readiness
public class ReadinessCheck implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        return StartupCheck.response(Operations.current().readiness());
    }
}
