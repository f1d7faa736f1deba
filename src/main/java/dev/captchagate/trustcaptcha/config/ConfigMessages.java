package dev.captchagate.trustcaptcha.config;

import java.util.List;

/**
 * Every configuration message, in one place. The texts are stable: tests assert them exactly, and users search
 * for them. A message names the key, says what is allowed and shows the value found (never a secret).
 */
public final class ConfigMessages {

    private ConfigMessages() {
    }

    static String apiKeyMissing() {
        return Keys.API_KEY + " is missing or blank: set it to your TrustCaptcha API key (ak_...), for example with "
                + "the environment variable TRUSTCAPTCHA_API_KEY";
    }

    static String apiKeyNotPrintable() {
        return Keys.API_KEY + " contains spaces or control characters inside the key: an API key is one word of "
                + "printable ASCII";
    }

    static String invalid(String key, String expected, String found) {
        return key + ": expected " + expected + ", found '" + printable(found) + "'";
    }

    static String followRedirects(String key, String found) {
        return key + ": redirects are never followed (a redirect could carry the API key to another host); remove "
                + "the key or set it to false, found '" + printable(found) + "'";
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

    /** Configuration values are echoed, so control characters are shown escaped and long values cut. */
    static String printable(String value) {
        StringBuilder out = new StringBuilder();
        int limit = Math.min(value.length(), 200);
        for (int i = 0; i < limit; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (value.length() > limit) {
            out.append("...");
        }
        return out.toString();
    }
}
