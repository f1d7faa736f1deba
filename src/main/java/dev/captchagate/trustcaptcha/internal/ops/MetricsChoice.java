package dev.captchagate.trustcaptcha.internal.ops;

import jakarta.enterprise.inject.Instance;
import java.util.logging.Logger;

/**
 * Chooses where the metrics go, by what the server has, as SmallRye Fault Tolerance does: MicroProfile Metrics where
 * the server has it (Payara 6 and 7, Open Liberty with {@code mpMetrics}), else MicroProfile Telemetry (WildFly), else
 * nowhere. {@code trustcaptcha.metrics} can ask for one of them, or none. The classes that name an API are loaded only
 * after the API was found.
 */
final class MetricsChoice {

    private static final Logger LOG = Logger.getLogger(MetricsChoice.class.getName());

    static final String METRICS_API = "org.eclipse.microprofile.metrics.MetricRegistry";

    static final String TELEMETRY_API = "io.opentelemetry.api.OpenTelemetry";

    private MetricsChoice() {
    }

    /**
     * Registers the metrics where the setting and the server allow.
     *
     * @param setting {@code auto}, {@code microprofile-metrics}, {@code telemetry} or {@code none}
     * @param loader the application's class loader (the one this library is in)
     * @param gauges what the gauges read
     * @param beans the library's own lookup of beans (an injected {@code Instance}); null in tests without CDI
     * @return the registered metrics, {@link Registered#NONE} when nowhere
     */
    static Registered choose(String setting, ClassLoader loader, Gauges gauges, Instance<Object> beans) {
        if (setting.equals("none")) {
            return Registered.NONE;
        }
        if (!setting.equals("telemetry") && present(METRICS_API, loader)) {
            Registered registered = attempt("MicroProfile Metrics", () -> MicroProfileMetrics.register(gauges, beans));
            if (registered != null) {
                return registered;
            }
        }
        if (!setting.equals("microprofile-metrics") && present(TELEMETRY_API, loader)) {
            Registered registered = attempt("MicroProfile Telemetry", () -> TelemetryMetrics.register(gauges, beans));
            if (registered != null) {
                return registered;
            }
        }
        if (!setting.equals("auto")) {
            LOG.warning("TrustCaptcha: trustcaptcha.metrics=" + setting + " but the server offers no usable "
                    + (setting.equals("telemetry") ? "MicroProfile Telemetry" : "MicroProfile Metrics")
                    + " to this application: no metrics");
        } else {
            LOG.info("TrustCaptcha: the server offers neither MicroProfile Metrics nor MicroProfile Telemetry to "
                    + "this application: no metrics");
        }
        return Registered.NONE;
    }

    private interface Registration {
        Registered register();
    }

    private static Registered attempt(String what, Registration registration) {
        try {
            Registered registered = registration.register();
            if (registered == null) {
                LOG.info("TrustCaptcha: " + what + " is on this server, but CDI gave this application nothing to "
                        + "register metrics with");
            }
            return registered;
        } catch (RuntimeException | LinkageError unusable) {
            LOG.warning("TrustCaptcha: " + what + " is there but could not be used (" + unusable + ")");
            return null;
        }
    }

    private static boolean present(String className, ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }
}
