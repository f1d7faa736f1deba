/**
 * What the library counts, as seen from the code that counts it: one interface, no metrics API. The implementations
 * that reach MicroProfile Metrics or an OpenTelemetry {@code Meter} live in {@code internal.ops}, loaded only where the
 * server has those APIs.
 */
package dev.captchagate.trustcaptcha.internal.metrics;
