package dev.captchagate.trustcaptcha.internal.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.captchagate.trustcaptcha.testing.CapturedLog;
import java.util.List;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Where the metrics go when the server has neither API, or is told to send them nowhere. */
class MetricsChoiceTest {

    /** A class loader that sees the JDK only: a server without MicroProfile Metrics and OpenTelemetry. */
    private static final ClassLoader WITHOUT_APIS = new ClassLoader(null) {
    };

    private static final Gauges GAUGES = new Gauges(() -> null, () -> -1);

    @Test
    void noneRegistersNothingEvenWhereTheApisAre() {
        assertSame(Registered.NONE, MetricsChoice.choose("none", MetricsChoiceTest.class.getClassLoader(), GAUGES, null));
    }

    @Test
    void withoutEitherApiNothingIsRegisteredAndTheLineSaysSo() {
        try (CapturedLog log = CapturedLog.of(Logger.getLogger(MetricsChoice.class.getName()))) {
            assertSame(Registered.NONE, MetricsChoice.choose("auto", WITHOUT_APIS, GAUGES, null));
            assertSame(Registered.NONE, MetricsChoice.choose("telemetry", WITHOUT_APIS, GAUGES, null));
            assertSame(Registered.NONE, MetricsChoice.choose("microprofile-metrics", WITHOUT_APIS, GAUGES, null));
            List<String> lines = log.records().stream().map(LogRecord::getMessage).toList();
            assertEquals(List.of("TrustCaptcha: the server offers neither MicroProfile Metrics nor MicroProfile "
                    + "Telemetry to this application: no metrics",
                    "TrustCaptcha: trustcaptcha.metrics=telemetry but the server offers no usable MicroProfile "
                    + "Telemetry to this application: no metrics",
                    "TrustCaptcha: trustcaptcha.metrics=microprofile-metrics but the server offers no usable "
                    + "MicroProfile Metrics to this application: no metrics"), lines);
        }
    }

    @Test
    void anApiWithoutItsBeansIsNoMetricsAndNoFailure() {
        // The APIs are on the test class path, but there is no CDI container: each is tried and found unusable.
        assertSame(Registered.NONE, MetricsChoice.choose("auto", MetricsChoiceTest.class.getClassLoader(), GAUGES, null));
    }
}
