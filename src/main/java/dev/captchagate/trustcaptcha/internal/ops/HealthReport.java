package dev.captchagate.trustcaptcha.internal.ops;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a health check answers: UP or DOWN, and its data (strings, whole numbers and booleans, in a stable order).
 *
 * @param up whether the check is UP
 * @param data the data, in order
 */
public record HealthReport(boolean up, Map<String, Object> data) {

    /**
     * Keeps the data's order, unmodifiable.
     */
    public HealthReport {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }
}
