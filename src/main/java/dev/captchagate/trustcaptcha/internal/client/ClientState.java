package dev.captchagate.trustcaptcha.internal.client;

import java.time.Instant;

/**
 * What the client knows at one moment, as the readiness check reports it.
 *
 * @param breaker the circuit breaker: {@code closed}, {@code confirming}, {@code open} or {@code half-open}
 * @param lastFailure the label of the last call's failure ({@code unavailable}, {@code tls-failure},
 *     {@code unexpected-response}, {@code api-key-invalid}, {@code internal-error}); null when none failed
 * @param lastFailureAt when it ended; null when none failed
 * @param callsInFlight the calls to TrustCaptcha in flight
 * @param limit the adaptive concurrency limit now
 * @param upperLimit the limit's upper bound
 * @param limitRefused the verifications refused at the limit since start
 * @param apiKey what TrustCaptcha says of the API key: {@code not-checked}, {@code accepted}, {@code refused},
 *     {@code unreachable}, {@code unexpected-answer} or {@code check-off}
 * @param apiKeyAt when that was learned; null while not checked
 */
public record ClientState(String breaker, String lastFailure, Instant lastFailureAt, int callsInFlight, int limit,
                          int upperLimit, long limitRefused, String apiKey, Instant apiKeyAt) {

    /**
     * Whether TrustCaptcha is known to be unreachable: the breaker is open or half-open.
     *
     * @return {@code true} while the breaker is open or its trial is pending
     */
    public boolean unreachable() {
        return breaker.equals("open") || breaker.equals("half-open");
    }
}
