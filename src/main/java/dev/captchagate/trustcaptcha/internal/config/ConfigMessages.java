package dev.captchagate.trustcaptcha.internal.config;

import dev.captchagate.trustcaptcha.internal.util.Printable;
import java.util.List;

/**
 * Every configuration message, in one place. The texts are stable: tests assert them exactly, and users search
 * for them. A message names the key, says what is allowed and shows the value found (never a secret).
 */
public final class ConfigMessages {

    private ConfigMessages() {
    }

    /** @return the message for a missing or blank API key */
    public static String apiKeyMissing() {
        return Keys.API_KEY + " is missing or blank: set it to your TrustCaptcha API key (ak_...), for example with "
                + "the environment variable TRUSTCAPTCHA_API_KEY";
    }

    /** @return the message for an API key with spaces or control characters */
    public static String apiKeyNotPrintable() {
        return Keys.API_KEY + " contains spaces or control characters inside the key: an API key is one word of "
                + "printable ASCII";
    }

    /**
     * @param key the key, or the init-param that overrides it
     * @param expected what is allowed
     * @param found the value found
     * @return the message for an invalid value
     */
    public static String invalid(String key, String expected, String found) {
        return key + ": expected " + expected + ", found '" + printable(found) + "'";
    }

    /**
     * @param key the key found
     * @param found the value found
     * @return the message refusing to follow redirects
     */
    public static String followRedirects(String key, String found) {
        return key + ": redirects are never followed (a redirect could carry the API key to another host); remove "
                + "the key or set it to false, found '" + printable(found) + "'";
    }

    /**
     * @param source the key or init-param
     * @return the message refusing OPTIONS among the checked methods
     */
    public static String optionsNeverChecked(String source) {
        return source + ": OPTIONS is never checked (browsers send CORS preflights without a token); remove it";
    }

    /**
     * @param filter the filter's name
     * @param name the unknown init-param
     * @param closest the closest known init-param, or null
     * @return the message for an unknown init-param
     */
    public static String unknownInitParam(String filter, String name, String closest) {
        return "filter '" + filter + "': unknown init-param '" + printable(name) + "'"
                + (closest == null ? "" : ", did you mean '" + closest + "'?");
    }

    /**
     * @param filter the filter's name
     * @param name the init-param
     * @return the message for a global key set as an init-param
     */
    public static String globalOnly(String filter, String name) {
        return "filter '" + filter + "': init-param '" + name + "' cannot be set per filter: it is the global key "
                + Keys.PREFIX + name;
    }

    /**
     * @param key the key found under a named policy
     * @param global the global key it names
     * @return the message for a global key set in a named policy
     */
    public static String globalOnlyInPolicy(String key, String global) {
        return printable(key) + ": cannot be set per policy: it is the global key " + global;
    }

    /**
     * @param policy the policy's name, as an annotation gives it
     * @param where the annotated method or class
     * @return the message for a policy that no key configures
     */
    public static String unknownPolicy(String policy, String where) {
        return "@CaptchaProtected(policy = \"" + printable(policy) + "\") on " + where + ": no key configures this "
                + "policy; set at least one " + Keys.POLICIES_PREFIX + printable(policy) + ".<key>, such as "
                + Keys.POLICIES_PREFIX + printable(policy) + ".max-score";
    }

    /**
     * @param policy the login's policy
     * @return the message for a login policy that no key configures
     */
    public static String unknownLoginPolicy(String policy) {
        return Keys.LOGIN_POLICY + ": no key configures the policy '" + printable(policy) + "'; set at least one "
                + Keys.POLICIES_PREFIX + printable(policy) + ".<key>, such as " + Keys.POLICIES_PREFIX
                + printable(policy) + ".max-score";
    }

    /**
     * @param maxScore the annotation's value
     * @param where the annotated method or class
     * @return the message for a score out of range in an annotation
     */
    public static String invalidMaxScore(double maxScore, String where) {
        return "@CaptchaProtected(maxScore = " + maxScore + ") on " + where + ": expected a number from 0.0 to 1.0";
    }

    /**
     * A REST client key named after the interface's former name, which nothing reads any more.
     *
     * @param key the key as configured
     * @param replacement the same key under the REST client's config key
     * @return the message
     */
    public static String formerRestClientKey(String key, String replacement) {
        return printable(key) + ": the REST client interface is internal now and is not configured by its name; use "
                + printable(replacement);
    }

    /**
     * @param key the unknown key
     * @param closest the closest known key, or null
     * @return the message for an unknown key under the library's prefix
     */
    public static String unknownKey(String key, String closest) {
        return printable(key) + ": unknown key" + (closest == null ? "" : ", did you mean " + closest + "?");
    }

    /**
     * The message that fails a deployment.
     *
     * @param problems every problem found, each a full sentence naming its key
     * @return the message
     */
    public static String deploymentFailed(List<String> problems) {
        StringBuilder text = new StringBuilder("TrustCaptcha configuration is invalid (")
                .append(problems.size()).append(problems.size() == 1 ? " problem):" : " problems):");
        for (String problem : problems) {
            text.append("\n - ").append(problem);
        }
        return text.toString();
    }

    /**
     * Configuration values are echoed, so control characters are shown escaped and long values cut.
     *
     * @param value a value
     * @return the value, safe to show
     */
    public static String printable(String value) {
        return Printable.of(value);
    }
}
