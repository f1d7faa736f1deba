package dev.captchagate.trustcaptcha.internal.client;

import java.time.Instant;
import java.util.List;

/**
 * What the client knows at one moment, as the readiness check reports it.
 *
 * @param application the application's context path ({@code /} for the root), when the client has seen its servlet
 *     context; null before (Payara has none in CDI at start: the filter's start tells it)
 * @param breaker the circuit breaker: {@code closed}, {@code confirming}, {@code open} or {@code half-open}
 * @param breakerRefuses whether the breaker refuses calls now: open and its delay not over, or its trial in flight
 *     (false once the delay is over: the next call becomes the trial)
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
public record ClientState(String application, String breaker, boolean breakerRefuses, String lastFailure,
                          Instant lastFailureAt, int callsInFlight, int limit, int upperLimit, long limitRefused,
                          String apiKey, Instant apiKeyAt) {

    /** The breaker's states, in order, as {@link #breaker} names them and the metrics tag them. */
    public static final List<String> BREAKER_STATES = CircuitBreaker.STATES;
}
