package dev.captchagate.trustcaptcha.internal.ops;

import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Startup;

/**
 * The start-up check {@code trustcaptcha}: the configuration is valid and the API key present (never shown). Made a
 * bean by the library's CDI extension, only where the server has MicroProfile Health.
 */
@Startup
public class StartupCheck implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        return response(Operations.current().startup());
    }

    static HealthCheckResponse response(HealthReport report) {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(HealthReports.NAME).status(report.up());
        for (Map.Entry<String, Object> item : report.data().entrySet()) {
            Object value = item.getValue();
            if (value instanceof Boolean flag) {
                builder.withData(item.getKey(), flag);
            } else if (value instanceof Long number) {
                builder.withData(item.getKey(), number);
            } else {
                builder.withData(item.getKey(), String.valueOf(value));
            }
        }
        return builder.build();
    }
}
