package dev.captchagate.trustcaptcha.internal.config;

import dev.captchagate.trustcaptcha.Policy;
import dev.captchagate.trustcaptcha.internal.api.TrustCaptchaApi;
import dev.captchagate.trustcaptcha.internal.config.Key.Reading;
import dev.captchagate.trustcaptcha.internal.config.Key.Scope;
import dev.captchagate.trustcaptcha.internal.util.JsonPointer;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one table of configuration keys. The README's table and the filter's javadoc table are tested against it, key
 * for key and in its order.
 */
public final class Keys {

    private Keys() {
    }

    /** The prefix of the library's own keys. */
    public static final String PREFIX = "trustcaptcha.";

    /**
     * Where the named policies of {@code @CaptchaProtected(policy = "...")} are configured:
     * {@code trustcaptcha.policies.<name>.<key>}, each key a per-filter key by its {@link Key#policyParam()}.
     */
    public static final String POLICIES_PREFIX = "trustcaptcha.policies.";

    /** The documented default of a key that must be set. */
    static final String REQUIRED = "none: required";

    /** The documented default of a key whose absence switches something off. */
    static final String NONE = "none";

    /** The REST client interface: its own keys win over the config key's, as the REST client reads them. */
    static final String REST_CLIENT_INTERFACE = TrustCaptchaApi.class.getName();

    /**
     * Where the REST client interface was before it became internal: keys named after it would be ignored now, so
     * they are reported.
     */
    static final String FORMER_REST_CLIENT_INTERFACE = "dev.captchagate.trustcaptcha.client.TrustCaptchaApi";

    /** The MicroProfile REST Client's own properties (the spec's {@code mp-rest/} keys), for that report. */
    static final List<String> REST_CLIENT_PROPERTIES = List.of("url", "uri", "scope", "providers", "connectTimeout",
            "readTimeout", "followRedirects", "proxyAddress", "queryParamStyle", "hostnameVerifier", "trustStore",
            "trustStorePassword", "trustStoreType", "keyStore", "keyStorePassword", "keyStoreType");

    /** The prefix of the REST client's keys under its config key. */
    static final String REST_CLIENT_PREFIX = TrustCaptchaApi.CONFIG_KEY + "/mp-rest/";

    /** The default connect timeout, the vendor's. */
    static final long DEFAULT_CONNECT_TIMEOUT_MILLIS = 3000;

    /** The default read timeout, the vendor's. */
    static final long DEFAULT_READ_TIMEOUT_MILLIS = 5000;

    /** MicroProfile Config's spelling of true for a Boolean (the spec's converter). */
    private static final Set<String> MICROPROFILE_TRUE = Set.of("true", "1", "yes", "y", "on");

    /** The API key ({@code ak_...}). */
    public static final Key<ApiKey> API_KEY = key("trustcaptcha.api-key", REQUIRED, null, null, Scope.GLOBAL,
            (text, found) -> {
                String problem = ApiKey.problemWith(text.strip());
                return problem == null ? ApiKey.of(text.strip()) : found.problem(problem);
            });

    /** The API host; the spec's older {@code uri} wins when both are set. */
    public static final Key<URI> URL = new Key<>(REST_CLIENT_PREFIX + "url", List.of(REST_CLIENT_PREFIX + "uri"),
            TrustCaptchaApi.DEFAULT_URL, URI.create(TrustCaptchaApi.DEFAULT_URL),
            "an absolute http or https URL with a host and no query, such as " + TrustCaptchaApi.DEFAULT_URL,
            Scope.GLOBAL, Reading.REST_CLIENT, (text, found) -> url(text.strip(), found));

    /** The connect timeout in milliseconds. */
    public static final Key<Duration> CONNECT_TIMEOUT = restClient("connectTimeout",
            Long.toString(DEFAULT_CONNECT_TIMEOUT_MILLIS), Duration.ofMillis(DEFAULT_CONNECT_TIMEOUT_MILLIS),
            "a positive number of milliseconds", Keys::millis);

    /** The read timeout in milliseconds. */
    public static final Key<Duration> READ_TIMEOUT = restClient("readTimeout",
            Long.toString(DEFAULT_READ_TIMEOUT_MILLIS), Duration.ofMillis(DEFAULT_READ_TIMEOUT_MILLIS),
            "a positive number of milliseconds", Keys::millis);

    /**
     * Whether the REST client follows redirects: never. Read with MicroProfile Config's Boolean rule, exactly as the
     * REST client reads it ({@code yes} and {@code on} are true).
     */
    public static final Key<Boolean> FOLLOW_REDIRECTS = restClient("followRedirects", "false", Boolean.FALSE,
            "false", (text, found) -> MICROPROFILE_TRUE.contains(text.strip().toLowerCase(Locale.ROOT))
                    ? found.problem(ConfigMessages.followRedirects(found.name(), text)) : Boolean.FALSE);

    /** URL patterns the library registers the filter for by itself. */
    public static final Key<List<String>> URL_PATTERNS = key("trustcaptcha.filter.url-patterns", NONE, List.of(),
            "servlet URL patterns such as /api/*, /login or *.do, separated by commas", Scope.GLOBAL,
            (text, found) -> {
                List<String> patterns = items(text);
                patterns.stream().filter(pattern -> !isUrlPattern(pattern)).forEach(found::invalid);
                return List.copyOf(patterns);
            });

    /** The methods that are checked. */
    public static final Key<Set<String>> METHODS = key("trustcaptcha.filter.methods", "POST,PUT,PATCH,DELETE",
            Collections.unmodifiableSet(new LinkedHashSet<>(List.of("POST", "PUT", "PATCH", "DELETE"))),
            "HTTP methods separated by commas", Scope.PER_FILTER,
            Keys::methods);

    /** The request header that may carry the token. */
    public static final Key<String> TOKEN_HEADER = key("trustcaptcha.token.header", "X-TrustCaptcha-Token",
            "X-TrustCaptcha-Token", "an HTTP header name", Scope.PER_FILTER,
            (text, found) -> text.isBlank() ? Keys.TOKEN_HEADER.defaultValue()
                    : isToken(text.strip()) ? text.strip() : found.invalid(text.strip()));

    /** The JSON Pointer to the token in a JSON body. */
    public static final Key<JsonPointer> TOKEN_JSON_POINTER = key("trustcaptcha.token.json-pointer",
            "/verificationToken", JsonPointer.parse("/verificationToken").orElseThrow(),
            "an RFC 6901 JSON Pointer that starts with / such as /captcha/token", Scope.PER_FILTER,
            (text, found) -> text.isBlank() ? Keys.TOKEN_JSON_POINTER.defaultValue()
                    : JsonPointer.parse(text.strip()).orElseGet(() -> found.invalid(text.strip())));

    /** The form field that may carry the token: the widget's hidden input. */
    public static final Key<String> TOKEN_FORM_PARAM = key("trustcaptcha.token.form-param", "tc-verification-token",
            "tc-verification-token", "a form field name", Scope.PER_FILTER,
            (text, found) -> text.isBlank() ? Keys.TOKEN_FORM_PARAM.defaultValue() : text.strip());

    /** The largest JSON or url-encoded body the filter reads. */
    public static final Key<Integer> BODY_MAX_BYTES = integer("trustcaptcha.body.max-bytes", 65_536, 1,
            16 * 1024 * 1024, Scope.PER_FILTER);

    /** The status of a rejection. */
    public static final Key<Integer> REJECT_STATUS = integer("trustcaptcha.reject.status", 403, 400, 499,
            Scope.PER_FILTER);

    /** The highest bot score accepted. */
    public static final Key<Double> POLICY_MAX_SCORE = key("trustcaptcha.policy.max-score",
            Double.toString(Policy.DEFAULT_MAX_SCORE), Policy.DEFAULT_MAX_SCORE, "a number from 0.0 to 1.0",
            Scope.PER_FILTER, (text, found) -> {
                try {
                    double score = Double.parseDouble(text.strip());
                    return score >= 0 && score <= 1 ? score : found.invalid(text);
                } catch (NumberFormatException notANumber) {
                    return found.invalid(text);
                }
            });

    /** Whether a well-formed token passes while TrustCaptcha is known to be unreachable. */
    public static final Key<Boolean> POLICY_ALLOW_WHEN_UNREACHABLE = bool("trustcaptcha.policy.allow-when-unreachable");

    /** The most requests let through unverified a minute while the circuit breaker is open, per JVM. */
    public static final Key<Integer> POLICY_MAX_UNVERIFIED_PER_MINUTE = integer(
            "trustcaptcha.policy.max-unverified-per-minute", 60, 0, 1_000_000, Scope.GLOBAL);

    /** Whether results from TrustCaptcha's gateway failover are refused. */
    public static final Key<Boolean> POLICY_REJECT_GATEWAY_FAILOVER = bool("trustcaptcha.policy.reject-gateway-failover");

    /** The origins a result must come from. */
    public static final Key<Set<String>> POLICY_ALLOWED_ORIGINS = key("trustcaptcha.policy.allowed-origins", NONE,
            Set.of(), "origins such as https://shop.example.com, separated by commas", Scope.PER_FILTER,
            (text, found) -> {
                Set<String> origins = new LinkedHashSet<>();
                for (String origin : items(text)) {
                    try {
                        Policy.builder().allowedOrigins(origin);
                        origins.add(origin);
                    } catch (IllegalArgumentException notAnOrigin) {
                        found.invalid(origin);
                    }
                }
                return Set.copyOf(origins);
            });

    /** How long an accepted verification id is remembered: as long as TrustCaptcha keeps a result. */
    public static final Key<Duration> REPLAY_TTL = key("trustcaptcha.replay.ttl", "PT15M", Duration.ofMinutes(15),
            "a positive ISO-8601 duration such as PT15M", Scope.GLOBAL, (text, found) -> {
                Duration ttl = duration(text, found, false);
                // JCache expiries below a second are not kept by every provider.
                return ttl == null || ttl.compareTo(Duration.ofSeconds(1)) >= 0 ? ttl : found.problem(
                        ConfigMessages.invalid(found.name(), "a duration of at least one second, such as PT15M",
                                ttl.toString()));
            });

    /** The most ids the memory store remembers, and the capacity the library gives a JCache it creates. */
    public static final Key<Integer> REPLAY_CAPACITY = integer("trustcaptcha.replay.capacity", 250_000, 1,
            100_000_000, Scope.GLOBAL);

    /** The name of the JCache the ids are kept in. */
    public static final Key<String> REPLAY_CACHE = key("trustcaptcha.replay.cache", "trustcaptcha-replay",
            "trustcaptcha-replay", "a cache name", Scope.GLOBAL,
            (text, found) -> text.isBlank() ? Keys.REPLAY_CACHE.defaultValue() : text.strip());

    /** {@code enforce} or {@code monitor}. */
    public static final Key<Mode> MODE = key("trustcaptcha.mode", "enforce", Mode.ENFORCE, "enforce or monitor",
            Scope.PER_FILTER, (text, found) -> switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "enforce", "" -> Mode.ENFORCE;
                case "monitor" -> Mode.MONITOR;
                default -> found.invalid(text.strip());
            });

    /**
     * The upper bound of the adaptive limit on calls to TrustCaptcha in flight, so that an outage cannot take the
     * threads of unprotected pages. Its default here is the one for a server whose request threads are not known;
     * when it is not set, the client takes three quarters of the server's request threads where it knows them
     * ({@code RequestThreads}).
     */
    public static final Key<Integer> MAX_CONCURRENT = integer("trustcaptcha.resilience.max-concurrent", 64, 1,
            10_000, Scope.GLOBAL);

    /**
     * How long the circuit breaker stays open; zero switches it off. The default is shorter than one call's deadline
     * (8 s), so that recovery shows within seconds.
     */
    public static final Key<Duration> BREAKER_DELAY = key("trustcaptcha.resilience.breaker-delay", "PT5S",
            Duration.ofSeconds(5), "an ISO-8601 duration such as PT5S, or PT0S for none", Scope.GLOBAL,
            (text, found) -> duration(text, found, true));

    /**
     * Whether the API key is checked shortly after start-up, by asking for the result of a random verification id
     * (404: accepted, 403: refused).
     */
    public static final Key<Boolean> STARTUP_CHECK = globalBool("trustcaptcha.startup-check.enabled", true);

    /** Whether the readiness check is DOWN while the circuit breaker refuses calls (by default it stays UP). */
    public static final Key<Boolean> HEALTH_DOWN_WHEN_UNREACHABLE = globalBool(
            "trustcaptcha.health.down-when-unreachable", false);

    /** Where metrics go: the first of MicroProfile Metrics and MicroProfile Telemetry the server has, one, or none. */
    public static final Key<String> METRICS = key("trustcaptcha.metrics", "auto", "auto",
            "auto, microprofile-metrics, telemetry or none", Scope.GLOBAL,
            (text, found) -> switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "auto", "" -> "auto";
                case "microprofile-metrics" -> "microprofile-metrics";
                case "telemetry" -> "telemetry";
                case "none" -> "none";
                default -> found.invalid(text.strip());
            });

    /**
     * Whether the events and request attributes the library publishes leave out what identifies a user: the client
     * address, and the result's IP address, country, device, operating system and browser.
     */
    public static final Key<Boolean> PRIVACY_OMIT_PERSONAL_DATA = globalBool("trustcaptcha.privacy.omit-personal-data",
            false);

    /**
     * Whether the login of Jakarta Security is protected: the request that submits credentials to an
     * {@code HttpAuthenticationMechanism} is verified before the identity store sees them.
     */
    public static final Key<Boolean> LOGIN_ENABLED = globalBool("trustcaptcha.login.enabled", false);

    /** The named policy of the login, or none for the application's per-filter keys. */
    public static final Key<String> LOGIN_POLICY = key("trustcaptcha.login.policy", NONE, "",
            "the name of a policy configured under " + POLICIES_PREFIX + " (letters, digits, - and _)", Scope.GLOBAL,
            (text, found) -> text.isBlank() ? "" : text.strip().matches("[A-Za-z0-9_-]+") ? text.strip()
                    : found.invalid(text.strip()));

    /** How a refused login is answered. */
    public static final Key<String> LOGIN_ON_REFUSAL = key("trustcaptcha.login.on-refusal", "problem", "problem",
            "problem, redirect:<path> or forward:<path>, the path in the application starting with /", Scope.GLOBAL,
            (text, found) -> {
                String value = text.strip();
                if (value.isEmpty() || value.equals("problem")) {
                    return "problem";
                }
                for (String kind : List.of("redirect:", "forward:")) {
                    // A path in the application: never another host (//host), never spaces or control characters.
                    if (value.startsWith(kind) && value.startsWith("/", kind.length())
                            && !value.startsWith("//", kind.length())
                            && value.chars().noneMatch(c -> c <= ' ' || c == 127 || c == '\\')) {
                        return value;
                    }
                }
                return found.invalid(value);
            });

    /**
     * Every key, in the order problems are reported and the README lists them: how the library talks to TrustCaptcha,
     * how a filter instance checks requests, then the keys of self-registration and replay protection.
     */
    public static final List<Key<?>> ALL = List.of(API_KEY, URL, CONNECT_TIMEOUT, READ_TIMEOUT, FOLLOW_REDIRECTS,
            MAX_CONCURRENT, BREAKER_DELAY, POLICY_MAX_UNVERIFIED_PER_MINUTE, METHODS, TOKEN_HEADER, TOKEN_JSON_POINTER,
            TOKEN_FORM_PARAM, BODY_MAX_BYTES, REJECT_STATUS, POLICY_MAX_SCORE, POLICY_ALLOW_WHEN_UNREACHABLE,
            POLICY_REJECT_GATEWAY_FAILOVER, POLICY_ALLOWED_ORIGINS, MODE, URL_PATTERNS, REPLAY_TTL, REPLAY_CAPACITY,
            REPLAY_CACHE, STARTUP_CHECK, HEALTH_DOWN_WHEN_UNREACHABLE, METRICS, PRIVACY_OMIT_PERSONAL_DATA,
            LOGIN_ENABLED, LOGIN_POLICY, LOGIN_ON_REFUSAL);

    private static <T> Key<T> key(String name, String defaultText, T defaultValue, String allowed, Scope scope,
                                  Key.Parser<T> parser) {
        return new Key<>(name, List.of(), defaultText, defaultValue, allowed, scope, Reading.LIBRARY, parser);
    }

    private static <T> Key<T> restClient(String name, String defaultText, T defaultValue, String allowed,
                                         Key.Parser<T> parser) {
        return new Key<>(REST_CLIENT_PREFIX + name, List.of(), defaultText, defaultValue, allowed, Scope.GLOBAL,
                Reading.REST_CLIENT, parser);
    }

    private static Key<Integer> integer(String name, int defaultValue, int min, int max, Scope scope) {
        return key(name, Integer.toString(defaultValue), defaultValue, "a whole number from " + min + " to " + max,
                scope, (text, found) -> {
                    try {
                        int value = Integer.parseInt(text.strip());
                        return value >= min && value <= max ? value : found.invalid(text);
                    } catch (NumberFormatException notANumber) {
                        return found.invalid(text);
                    }
                });
    }

    private static Key<Boolean> globalBool(String name, boolean defaultValue) {
        return key(name, Boolean.toString(defaultValue), defaultValue, "true or false", Scope.GLOBAL, (text, found) -> {
            String value = text.strip().toLowerCase(Locale.ROOT);
            return value.equals("true") || value.equals("false") ? Boolean.valueOf(value) : found.invalid(text);
        });
    }

    private static Key<Boolean> bool(String name) {
        return key(name, "false", Boolean.FALSE, "true or false", Scope.PER_FILTER, (text, found) -> {
            String value = text.strip().toLowerCase(Locale.ROOT);
            return value.equals("true") || value.equals("false") ? Boolean.valueOf(value) : found.invalid(text);
        });
    }

    private static Duration millis(String text, Found found) {
        try {
            long millis = Long.parseLong(text.strip());
            return millis > 0 ? Duration.ofMillis(millis) : found.invalid(text);
        } catch (NumberFormatException notANumber) {
            return found.invalid(text);
        }
    }

    private static Duration duration(String text, Found found, boolean zeroAllowed) {
        try {
            Duration value = Duration.parse(text.strip());
            return !value.isNegative() && (zeroAllowed || !value.isZero()) ? value : found.invalid(text);
        } catch (DateTimeParseException notADuration) {
            return found.invalid(text);
        }
    }

    private static URI url(String text, Found found) {
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
        return found.invalid(text);
    }

    private static Set<String> methods(String text, Found found) {
        List<String> listed = items(text);
        Set<String> methods = new LinkedHashSet<>();
        for (String method : listed) {
            String upper = method.toUpperCase(Locale.ROOT);
            if (!isToken(upper)) {
                found.invalid(method);
            } else if (upper.equals("OPTIONS")) {
                found.problem(ConfigMessages.optionsNeverChecked(found.name()));
            } else {
                methods.add(upper);
            }
        }
        return listed.isEmpty() ? Keys.METHODS.defaultValue() : methods;
    }

    /** The items of a comma-separated list, stripped, blank ones dropped. */
    private static List<String> items(String text) {
        List<String> items = new ArrayList<>();
        for (String item : text.split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        return items;
    }

    /**
     * Whether a text is an RFC 9110 token: the characters of header names and methods.
     *
     * @param text the text
     * @return whether it is a token
     */
    public static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alphanumeric && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a text is a servlet URL pattern: exact ({@code /login}), path prefix ({@code /api/*}) or extension
     * ({@code *.do}).
     *
     * @param pattern the text
     * @return whether it is a URL pattern
     */
    public static boolean isUrlPattern(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            if (pattern.charAt(i) <= ' ' || pattern.charAt(i) == 0x7f) {
                return false;
            }
        }
        if (pattern.startsWith("*.")) {
            return pattern.length() > 2 && pattern.indexOf('*', 1) < 0 && pattern.indexOf('/') < 0;
        }
        if (!pattern.startsWith("/")) {
            return false;
        }
        int star = pattern.indexOf('*');
        return star < 0 || (star == pattern.length() - 1 && pattern.endsWith("/*"));
    }
}
