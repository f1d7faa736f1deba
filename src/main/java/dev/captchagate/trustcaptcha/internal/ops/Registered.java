package dev.captchagate.trustcaptcha.internal.ops;

import dev.captchagate.trustcaptcha.internal.metrics.Metrics;

/** Metrics registered somewhere, removed again when the application stops. */
interface Registered extends Metrics {

    /** Registered nowhere. */
    Registered NONE = new Registered() {
        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return "none";
        }
    };

    /** Removes what was registered; never throws. */
    void close();

    /**
     * Whether these are instruments of MicroProfile Telemetry, which export nothing until {@code otel.*} says so.
     *
     * @return {@code true} for OpenTelemetry's
     */
    default boolean exportedByTelemetry() {
        return false;
    }
}
