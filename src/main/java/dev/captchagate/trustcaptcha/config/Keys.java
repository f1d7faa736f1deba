package dev.captchagate.trustcaptcha.config;

/**
 * The configuration keys (MicroProfile Config). The REST client keys are the MicroProfile REST Client's own,
 * under the config key {@value #REST_CLIENT}.
 */
public final class Keys {

    private Keys() {
    }

    /** The prefix of the library's own keys. */
    public static final String PREFIX = "trustcaptcha.";

    /** The API key ({@code ak_...}); required. */
    public static final String API_KEY = "trustcaptcha.api-key";

    /** The REST client's {@code configKey}. */
    public static final String REST_CLIENT = "trustcaptcha";

    /** The API host. */
    public static final String URL = "trustcaptcha/mp-rest/url";

    /** The same, under the spec's older name; it wins over {@link #URL} when both are set. */
    public static final String URI = "trustcaptcha/mp-rest/uri";

    /** Connect timeout in milliseconds. */
    public static final String CONNECT_TIMEOUT = "trustcaptcha/mp-rest/connectTimeout";

    /** Read timeout in milliseconds. */
    public static final String READ_TIMEOUT = "trustcaptcha/mp-rest/readTimeout";

    /** Whether to follow redirects: refused when {@code true}. */
    public static final String FOLLOW_REDIRECTS = "trustcaptcha/mp-rest/followRedirects";
}
