/**
 * What operators see: the health checks (MicroProfile Health), the metrics (MicroProfile Metrics or an OpenTelemetry
 * {@code Meter}), and the state they report. Every class here that names one of those APIs is loaded only when the
 * server has it ({@link dev.captchagate.trustcaptcha.internal.ops.MetricsChoice}, the library's CDI extension); a
 * server without them runs the library unchanged.
 */
package dev.captchagate.trustcaptcha.internal.ops;
