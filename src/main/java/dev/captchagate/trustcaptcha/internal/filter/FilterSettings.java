package dev.captchagate.trustcaptcha.internal.filter;

import dev.captchagate.trustcaptcha.Policy;
import dev.captchagate.trustcaptcha.internal.config.Configuration;
import dev.captchagate.trustcaptcha.internal.config.Keys;
import dev.captchagate.trustcaptcha.internal.config.Mode;
import dev.captchagate.trustcaptcha.internal.util.JsonPointer;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One filter instance's settings: its view of the {@link Configuration} (MicroProfile Config, overridden by the
 * instance's init-params), typed for the filter.
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

    /**
     * Copies the method set, keeping its order.
     */
    public FilterSettings {
        methods = Collections.unmodifiableSet(new LinkedHashSet<>(methods));
    }

    /** The settings with every default. */
    static FilterSettings defaults() {
        return new FilterSettings(Keys.METHODS.defaultValue(), Keys.TOKEN_HEADER.defaultValue(),
                Keys.TOKEN_JSON_POINTER.defaultValue(), Keys.TOKEN_FORM_PARAM.defaultValue(),
                Keys.BODY_MAX_BYTES.defaultValue(), Keys.REJECT_STATUS.defaultValue(), Policy.DEFAULT,
                Keys.MODE.defaultValue());
    }

    /**
     * One filter instance's settings.
     *
     * @param configuration the instance's view of the configuration (use it only when it has no problems)
     * @return the settings
     */
    public static FilterSettings of(Configuration.FilterConfiguration configuration) {
        Policy policy = Policy.builder()
                .maxScore(configuration.get(Keys.POLICY_MAX_SCORE))
                .allowWhenUnreachable(configuration.get(Keys.POLICY_ALLOW_WHEN_UNREACHABLE))
                .rejectGatewayFailover(configuration.get(Keys.POLICY_REJECT_GATEWAY_FAILOVER))
                .allowedOrigins(configuration.get(Keys.POLICY_ALLOWED_ORIGINS))
                .build();
        return new FilterSettings(configuration.get(Keys.METHODS), configuration.get(Keys.TOKEN_HEADER),
                configuration.get(Keys.TOKEN_JSON_POINTER), configuration.get(Keys.TOKEN_FORM_PARAM),
                configuration.get(Keys.BODY_MAX_BYTES), configuration.get(Keys.REJECT_STATUS), policy,
                configuration.get(Keys.MODE));
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

    @Override
    public String toString() {
        return (mode == Mode.MONITOR ? "MONITOR MODE (decides and reports, blocks nothing); " : "")
                + "checks " + String.join(", ", methods) + "; token from header " + tokenHeader + ", JSON "
                + jsonPointer + ", form field " + formParam + "; bodies up to " + maxBodyBytes
                + " bytes; refusals answer " + rejectStatus + "; " + policy;
    }
}
