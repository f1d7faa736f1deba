package dev.captchagate.trustcaptcha.internal.config;

import java.net.URI;
import java.time.Duration;

/**
 * How the library talks to TrustCaptcha: the client's part of the {@link Configuration}.
 *
 * @param apiKey the API key
 * @param apiUrl the API host, {@code https://api.trustcomponent.com} unless configured
 * @param connectTimeout the connect timeout
 * @param readTimeout the read timeout (between two reads)
 * @param maxConcurrent the upper bound of the adaptive limit on result calls in flight (configured, or the server's
 *     default)
 * @param breakerDelay how long the circuit breaker stays open; zero: no breaker
 * @param maxUnverifiedPerMinute the most requests a fail-open policy lets through unverified a minute, while the
 *     breaker is open
 */
public record ClientSettings(ApiKey apiKey, URI apiUrl, Duration connectTimeout, Duration readTimeout,
                             int maxConcurrent, Duration breakerDelay, int maxUnverifiedPerMinute) {

    /**
     * The longest a verification call may take from start to answer: the connect timeout plus the read timeout.
     * A read timeout bounds each wait for bytes; this bounds the whole call, so that a server that sends one byte
     * per second cannot hold the caller.
     *
     * @return the deadline of one call
     */
    public Duration deadline() {
        return connectTimeout.plus(readTimeout);
    }

    /**
     * Whether the API is reached over plain HTTP (fine for a local sandbox, never for production).
     *
     * @return {@code true} when the scheme is not {@code https}
     */
    public boolean insecure() {
        return !"https".equals(apiUrl.getScheme());
    }

    /**
     * The API URL for logs: scheme, host, port and path, never user information.
     *
     * @return e.g. {@code https://api.trustcomponent.com} or {@code http://127.0.0.1:8080/sandbox}
     */
    public String apiLocation() {
        String path = apiUrl.getRawPath() == null ? "" : apiUrl.getRawPath();
        return apiUrl.getScheme() + "://" + apiUrl.getHost() + (apiUrl.getPort() < 0 ? "" : ":" + apiUrl.getPort())
                + (path.equals("/") ? "" : path);
    }

    @Override
    public String toString() {
        return "url " + apiLocation() + ", connect timeout " + connectTimeout.toMillis() + " ms, read timeout "
                + readTimeout.toMillis() + " ms, deadline " + deadline().toMillis() + " ms, "
                + (breakerDelay.isZero() ? "no circuit breaker"
                : "circuit breaker open for " + breakerDelay.toMillis() + " ms once an outage is confirmed")
                + ", at most " + maxUnverifiedPerMinute + " requests let through unverified a minute while it is open"
                + " (where a policy allows it), API key " + apiKey;
    }

    /**
     * The client's settings from a valid configuration.
     *
     * @param configuration the configuration; its problems are reported first
     * @return the settings
     * @throws IllegalStateException when the configuration has problems
     */
    public static ClientSettings of(Configuration configuration) {
        return of(configuration, Keys.MAX_CONCURRENT.defaultValue());
    }

    /**
     * The client's settings from a valid configuration, with a server's own default bound on calls in flight.
     *
     * @param configuration the configuration; its problems are reported first
     * @param defaultMaxConcurrent the bound on calls in flight when {@code resilience.max-concurrent} is not set
     * @return the settings
     * @throws IllegalStateException when the configuration has problems
     */
    public static ClientSettings of(Configuration configuration, int defaultMaxConcurrent) {
        configuration.requireValid();
        return new ClientSettings(configuration.get(Keys.API_KEY), configuration.get(Keys.URL),
                configuration.get(Keys.CONNECT_TIMEOUT), configuration.get(Keys.READ_TIMEOUT),
                configuration.isSet(Keys.MAX_CONCURRENT) ? configuration.get(Keys.MAX_CONCURRENT)
                        : defaultMaxConcurrent, configuration.get(Keys.BREAKER_DELAY),
                configuration.get(Keys.POLICY_MAX_UNVERIFIED_PER_MINUTE));
    }
}
