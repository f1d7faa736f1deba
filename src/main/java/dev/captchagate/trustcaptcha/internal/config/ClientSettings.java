package dev.captchagate.trustcaptcha.internal.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * How the library talks to TrustCaptcha, read once from MicroProfile Config and validated.
 *
 * @param apiKey the API key
 * @param apiUrl the API host, {@code https://api.trustcomponent.com} unless configured
 * @param connectTimeout the connect timeout
 * @param readTimeout the read timeout (between two reads)
 * @param maxConcurrent the most result calls at once (the bulkhead)
 * @param breakerDelay how long the circuit breaker stays open; zero: no breaker
 * @param maxUnverifiedPerMinute the most requests a fail-open policy lets through unverified a minute, while the
 *     breaker is open
 */
public record ClientSettings(ApiKey apiKey, URI apiUrl, Duration connectTimeout, Duration readTimeout,
                             int maxConcurrent, Duration breakerDelay, int maxUnverifiedPerMinute) {

    /** The vendor's API host. */
    public static final String DEFAULT_URL = "https://api.trustcomponent.com";

    /** The vendor's connect timeout. */
    public static final long DEFAULT_CONNECT_TIMEOUT_MILLIS = 3000;

    /** The vendor's read timeout. */
    public static final long DEFAULT_READ_TIMEOUT_MILLIS = 5000;

    /**
     * The default bulkhead: at most this many container threads wait on TrustCaptcha, a third of Payara's default
     * HTTP pool (200), so an outage cannot take the threads of unprotected pages; at TrustCaptcha's usual latency it
     * still allows well over a thousand verifications a second.
     */
    public static final int DEFAULT_MAX_CONCURRENT = 64;

    /**
     * The default breaker delay: shorter than one call's deadline (8 s), so that recovery shows within seconds, long
     * enough that an outage costs protected requests nothing most of the time.
     */
    public static final Duration DEFAULT_BREAKER_DELAY = Duration.ofSeconds(5);

    /**
     * The default cap on requests let through unverified during an outage: one a second on average, enough for a
     * sign-up or contact form to keep working, too few for a bot to gain much from an outage it did not cause.
     */
    public static final int DEFAULT_MAX_UNVERIFIED_PER_MINUTE = 60;

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
                + readTimeout.toMillis() + " ms, deadline " + deadline().toMillis() + " ms, at most " + maxConcurrent
                + " calls at once, " + (breakerDelay.isZero() ? "no circuit breaker"
                : "circuit breaker open for " + breakerDelay.toMillis() + " ms once an outage is confirmed")
                + ", at most " + maxUnverifiedPerMinute + " requests let through unverified a minute while it is open"
                + " (where a policy allows it), API key " + apiKey;
    }

    /**
     * Reads and checks the client keys; problems go to the reader.
     *
     * @param reader the reader
     * @return the settings, or empty when a problem was found
     */
    public static Optional<ClientSettings> read(ConfigReader reader) {
        int problemsBefore = reader.problems().size();

        String key = reader.text(Keys.API_KEY).orElse(null);
        String keyProblem = ApiKey.problemWith(key);
        if (keyProblem != null) {
            reader.problem(keyProblem);
        }

        URI url = url(reader, reader.restClientValue(Keys.URI, Keys.URL));
        Duration connect = reader.millis(reader.restClientValue(Keys.CONNECT_TIMEOUT), DEFAULT_CONNECT_TIMEOUT_MILLIS);
        Duration read = reader.millis(reader.restClientValue(Keys.READ_TIMEOUT), DEFAULT_READ_TIMEOUT_MILLIS);

        // Read with MicroProfile Config's own Boolean converter, exactly as the REST client will ("yes" is true).
        Optional<ConfigReader.Value> follow = reader.restClientValue(Keys.FOLLOW_REDIRECTS);
        if (follow.isPresent() && reader.config()
                .getOptionalValue(follow.get().name(), Boolean.class).orElse(Boolean.FALSE)) {
            reader.problem(ConfigMessages.followRedirects(follow.get().name(), follow.get().text()));
        }

        int maxConcurrent = reader.integer(Keys.MAX_CONCURRENT, DEFAULT_MAX_CONCURRENT, 1, 10_000);
        Duration breakerDelay = reader.duration(Keys.BREAKER_DELAY, DEFAULT_BREAKER_DELAY, true);
        int maxUnverified = reader.integer(Keys.POLICY_MAX_UNVERIFIED_PER_MINUTE, DEFAULT_MAX_UNVERIFIED_PER_MINUTE, 0,
                1_000_000);

        if (reader.problems().size() > problemsBefore) {
            return Optional.empty();
        }
        return Optional.of(new ClientSettings(ApiKey.of(key), url, connect, read, maxConcurrent, breakerDelay,
                maxUnverified));
    }

    private static URI url(ConfigReader reader, Optional<ConfigReader.Value> value) {
        if (value.isEmpty()) {
            return URI.create(DEFAULT_URL);
        }
        String text = value.get().text().strip();
        try {
            URI url = new URI(text);
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && url.getHost() != null
                    && url.getRawQuery() == null && url.getRawFragment() == null) {
                return url;
            }
        } catch (URISyntaxException malformed) {
            // reported below
        }
        reader.problem(ConfigMessages.invalid(value.get().name(),
                "an absolute http or https URL with a host and no query, such as " + DEFAULT_URL, text));
        return URI.create(DEFAULT_URL);
    }
}
