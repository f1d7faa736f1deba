package dev.captchagate.trustcaptcha.internal.filter;

import dev.captchagate.trustcaptcha.Policy;
import dev.captchagate.trustcaptcha.internal.config.ConfigMessages;
import dev.captchagate.trustcaptcha.internal.config.ConfigReader;
import dev.captchagate.trustcaptcha.internal.config.Keys;
import dev.captchagate.trustcaptcha.internal.config.Similar;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One filter instance's settings: MicroProfile Config, overridden by the instance's init-params. Read once, when
 * the filter starts; every problem is reported at once.
 *
 * @param methods the methods that are checked (upper case; never OPTIONS)
 * @param tokenHeader the header that may carry the token
 * @param jsonPointer where the token is in a JSON body
 * @param formParam the form field that may carry the token
 * @param maxBodyBytes the largest JSON or url-encoded body read
 * @param rejectStatus the status of a rejection
 * @param policy what a result must satisfy
 * @param mode whether refusals are enforced or only reported
 */
public record FilterSettings(Set<String> methods, String tokenHeader, JsonPointer jsonPointer, String formParam,
                             int maxBodyBytes, int rejectStatus, Policy policy, Mode mode) {

    /** Default of {@code trustcaptcha.filter.methods}. */
    public static final String DEFAULT_METHODS = "POST,PUT,PATCH,DELETE";
    /** Default of {@code trustcaptcha.token.header}. */
    public static final String DEFAULT_HEADER = "X-TrustCaptcha-Token";
    /** Default of {@code trustcaptcha.token.json-pointer}. */
    public static final String DEFAULT_POINTER = "/verificationToken";
    /** Default of {@code trustcaptcha.token.form-param}: the widget's hidden input. */
    public static final String DEFAULT_FORM_PARAM = "tc-verification-token";
    /** Default of {@code trustcaptcha.body.max-bytes}. */
    public static final int DEFAULT_MAX_BODY_BYTES = 65_536;
    /** The largest {@code trustcaptcha.body.max-bytes} allowed. */
    public static final int LIMIT_MAX_BODY_BYTES = 16 * 1024 * 1024;
    /** Default of {@code trustcaptcha.reject.status}. */
    public static final int DEFAULT_REJECT_STATUS = 403;

    /**
     * Copies the method set, keeping its order.
     */
    public FilterSettings {
        methods = Collections.unmodifiableSet(new LinkedHashSet<>(methods));
    }

    /** Init-param names of keys that cannot be set per filter. */
    private static final List<String> GLOBAL_ONLY = List.of(Keys.initParam(Keys.URL_PATTERNS),
            Keys.initParam(Keys.REPLAY_TTL), Keys.initParam(Keys.API_KEY));

    /** The settings with every default. */
    static FilterSettings defaults() {
        return new FilterSettings(new LinkedHashSet<>(List.of("POST", "PUT", "PATCH", "DELETE")), DEFAULT_HEADER,
                JsonPointer.parse(DEFAULT_POINTER).orElseThrow(), DEFAULT_FORM_PARAM, DEFAULT_MAX_BODY_BYTES,
                DEFAULT_REJECT_STATUS, Policy.DEFAULT, Mode.ENFORCE);
    }

    /**
     * These settings with another policy.
     *
     * @param other the policy
     * @return the settings
     */
    public FilterSettings with(Policy other) {
        return new FilterSettings(methods, tokenHeader, jsonPointer, formParam, maxBodyBytes, rejectStatus, other, mode);
    }

    /**
     * These settings in another mode.
     *
     * @param other the mode
     * @return the settings
     */
    public FilterSettings with(Mode other) {
        return new FilterSettings(methods, tokenHeader, jsonPointer, formParam, maxBodyBytes, rejectStatus, policy,
                other);
    }

    /**
     * Whether requests with this method are checked.
     *
     * @param method the request method
     * @return {@code true} when checked; never for OPTIONS
     */
    public boolean checks(String method) {
        return methods.contains(method);
    }

    /**
     * Reads the settings; problems go to the reader.
     *
     * @param reader the reader, with the instance's init-params as overrides
     * @return the settings (with defaults in place of invalid values: only use them when there was no problem)
     */
    public static FilterSettings read(ConfigReader reader) {
        Set<String> methods = methods(reader);
        String header = reader.text(Keys.TOKEN_HEADER).orElse(DEFAULT_HEADER);
        if (!isToken(header)) {
            reader.problem(invalid(reader, Keys.TOKEN_HEADER, "an HTTP header name", header));
            header = DEFAULT_HEADER;
        }
        String pointerText = reader.text(Keys.TOKEN_JSON_POINTER).orElse(DEFAULT_POINTER);
        JsonPointer pointer = JsonPointer.parse(pointerText).orElse(null);
        if (pointer == null) {
            reader.problem(invalid(reader, Keys.TOKEN_JSON_POINTER,
                    "an RFC 6901 JSON Pointer that starts with / such as /captcha/token", pointerText));
            pointer = JsonPointer.parse(DEFAULT_POINTER).orElseThrow();
        }
        String formParam = reader.text(Keys.TOKEN_FORM_PARAM).orElse(DEFAULT_FORM_PARAM);
        int maxBody = reader.integer(Keys.BODY_MAX_BYTES, DEFAULT_MAX_BODY_BYTES, 1, LIMIT_MAX_BODY_BYTES);
        int status = reader.integer(Keys.REJECT_STATUS, DEFAULT_REJECT_STATUS, 400, 499);
        return new FilterSettings(methods, header, pointer, formParam, maxBody, status, policy(reader), mode(reader));
    }

    /**
     * Reads the policy keys; problems go to the reader.
     *
     * @param reader the reader (with a filter's init-params as overrides, or without)
     * @return the policy
     */
    public static Policy policy(ConfigReader reader) {
        double maxScore = reader.decimal(Keys.POLICY_MAX_SCORE, Policy.DEFAULT_MAX_SCORE, 0, 1);
        boolean allowWhenUnreachable = reader.bool(Keys.POLICY_ALLOW_WHEN_UNREACHABLE, false);
        boolean rejectGatewayFailover = reader.bool(Keys.POLICY_REJECT_GATEWAY_FAILOVER, false);
        Set<String> origins = new LinkedHashSet<>();
        for (String origin : reader.list(Keys.POLICY_ALLOWED_ORIGINS)) {
            try {
                Policy.builder().allowedOrigins(origin);
                origins.add(origin);
            } catch (IllegalArgumentException notAnOrigin) {
                reader.problem(invalid(reader, Keys.POLICY_ALLOWED_ORIGINS,
                        "origins such as https://shop.example.com, separated by commas", origin));
            }
        }
        return Policy.builder().maxScore(maxScore).allowWhenUnreachable(allowWhenUnreachable)
                .rejectGatewayFailover(rejectGatewayFailover).allowedOrigins(origins).build();
    }

    private static Mode mode(ConfigReader reader) {
        String text = reader.text(Keys.MODE).orElse("enforce");
        switch (text.toLowerCase(Locale.ROOT)) {
            case "enforce":
                return Mode.ENFORCE;
            case "monitor":
                return Mode.MONITOR;
            default:
                reader.problem(invalid(reader, Keys.MODE, "enforce or monitor", text));
                return Mode.ENFORCE;
        }
    }

    /**
     * Reads one filter instance's settings: its init-params checked, then MicroProfile Config overridden by them.
     *
     * @param filterName the instance's name, for messages
     * @param initParams the instance's init-params
     * @param reader the reader of MicroProfile Config; the problems go there
     * @return the settings (with defaults in place of invalid values: only use them when there was no problem)
     */
    public static FilterSettings read(String filterName, Map<String, String> initParams, ConfigReader reader) {
        checkInitParams(filterName, initParams.keySet(), reader);
        return read(reader.withOverrides(initParams::get, "filter '" + filterName + "'"));
    }

    /**
     * Reports init-params that are no override of a filter key, naming the closest one.
     *
     * @param filterName the filter instance's name
     * @param names its init-param names
     * @param reader where the problems go
     */
    public static void checkInitParams(String filterName, Iterable<String> names, ConfigReader reader) {
        List<String> known = Keys.FILTER_KEYS.stream().map(Keys::initParam).toList();
        for (String name : names) {
            if (known.contains(name)) {
                continue;
            }
            if (GLOBAL_ONLY.contains(name)) {
                reader.problem(ConfigMessages.globalOnly(filterName, name));
            } else {
                reader.problem(ConfigMessages.unknownInitParam(filterName, name, Similar.closest(name, known)));
            }
        }
    }

    private static Set<String> methods(ConfigReader reader) {
        List<String> listed = reader.list(Keys.METHODS);
        if (listed.isEmpty()) {
            listed = List.of(DEFAULT_METHODS.split(","));
        }
        Set<String> methods = new LinkedHashSet<>();
        for (String method : listed) {
            String upper = method.toUpperCase(Locale.ROOT);
            if (!isToken(upper)) {
                reader.problem(invalid(reader, Keys.METHODS, "HTTP methods separated by commas", method));
            } else if (upper.equals("OPTIONS")) {
                reader.problem(ConfigMessages.optionsNeverChecked(
                        reader.sourceName(Keys.METHODS)));
            } else {
                methods.add(upper);
            }
        }
        return methods;
    }

    private static String invalid(ConfigReader reader, String key, String expected, String found) {
        return ConfigMessages.invalid(reader.sourceName(key), expected, found);
    }

    /** An RFC 9110 token: the characters of header names and methods. */
    static boolean isToken(String text) {
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

    @Override
    public String toString() {
        return (mode == Mode.MONITOR ? "MONITOR MODE (decides and reports, blocks nothing); " : "")
                + "checks " + String.join(", ", methods) + "; token from header " + tokenHeader + ", JSON "
                + jsonPointer + ", form field " + formParam + "; bodies up to " + maxBodyBytes
                + " bytes; refusals answer " + rejectStatus + "; " + policy;
    }
}
