package dev.captchagate.trustcaptcha.internal.config;

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

    /** URL patterns the library registers the filter for by itself (global only). */
    public static final String URL_PATTERNS = "trustcaptcha.filter.url-patterns";

    /** The methods that are checked. */
    public static final String METHODS = "trustcaptcha.filter.methods";

    /** The request header that may carry the token. */
    public static final String TOKEN_HEADER = "trustcaptcha.token.header";

    /** The JSON Pointer to the token in a JSON body. */
    public static final String TOKEN_JSON_POINTER = "trustcaptcha.token.json-pointer";

    /** The form field that may carry the token. */
    public static final String TOKEN_FORM_PARAM = "trustcaptcha.token.form-param";

    /** The largest JSON or url-encoded body the filter reads. */
    public static final String BODY_MAX_BYTES = "trustcaptcha.body.max-bytes";

    /** The status of a rejection. */
    public static final String REJECT_STATUS = "trustcaptcha.reject.status";

    /** The highest bot score accepted. */
    public static final String POLICY_MAX_SCORE = "trustcaptcha.policy.max-score";

    /** Whether a well-formed token passes when TrustCaptcha cannot be reached. */
    public static final String POLICY_ALLOW_WHEN_UNREACHABLE = "trustcaptcha.policy.allow-when-unreachable";

    /** Whether results from TrustCaptcha's gateway failover are refused. */
    public static final String POLICY_REJECT_GATEWAY_FAILOVER = "trustcaptcha.policy.reject-gateway-failover";

    /** The most requests let through unverified a minute while TrustCaptcha is unreachable (global only). */
    public static final String POLICY_MAX_UNVERIFIED_PER_MINUTE = "trustcaptcha.policy.max-unverified-per-minute";

    /** The origins a result must come from. */
    public static final String POLICY_ALLOWED_ORIGINS = "trustcaptcha.policy.allowed-origins";

    /** How long an accepted verification id is remembered (global only). */
    public static final String REPLAY_TTL = "trustcaptcha.replay.ttl";

    /** The most verification ids the memory replay store remembers (global only). */
    public static final String REPLAY_CAPACITY = "trustcaptcha.replay.capacity";

    /** The name of the JCache the replay store uses (global only). */
    public static final String REPLAY_CACHE = "trustcaptcha.replay.cache";

    /** {@code enforce} or {@code monitor}. */
    public static final String MODE = "trustcaptcha.mode";

    /** The most result calls at once: the bulkhead (global only). */
    public static final String MAX_CONCURRENT = "trustcaptcha.resilience.max-concurrent";

    /** How long the circuit breaker stays open; zero switches it off (global only). */
    public static final String BREAKER_DELAY = "trustcaptcha.resilience.breaker-delay";

    /** The keys a filter instance's init-params may override, by their init-param names (the key without the prefix). */
    public static final java.util.List<String> FILTER_KEYS = java.util.List.of(METHODS, TOKEN_HEADER,
            TOKEN_JSON_POINTER, TOKEN_FORM_PARAM, BODY_MAX_BYTES, REJECT_STATUS, POLICY_MAX_SCORE,
            POLICY_ALLOW_WHEN_UNREACHABLE, POLICY_REJECT_GATEWAY_FAILOVER, POLICY_ALLOWED_ORIGINS, MODE);

    /** Every key under {@link #PREFIX}: any other key there is reported as unknown. */
    public static final java.util.List<String> ALL = java.util.List.of(API_KEY, URL_PATTERNS, METHODS, TOKEN_HEADER,
            TOKEN_JSON_POINTER, TOKEN_FORM_PARAM, BODY_MAX_BYTES, REJECT_STATUS, POLICY_MAX_SCORE,
            POLICY_ALLOW_WHEN_UNREACHABLE, POLICY_MAX_UNVERIFIED_PER_MINUTE, POLICY_REJECT_GATEWAY_FAILOVER,
            POLICY_ALLOWED_ORIGINS, REPLAY_TTL, REPLAY_CAPACITY, REPLAY_CACHE, MODE, MAX_CONCURRENT, BREAKER_DELAY);

    /**
     * The init-param name of a key.
     *
     * @param key a key under {@link #PREFIX}
     * @return the key without the prefix
     */
    public static String initParam(String key) {
        return key.substring(PREFIX.length());
    }
}
