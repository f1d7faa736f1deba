package dev.captchagate.trustcaptcha.internal.util;

/**
 * Text from outside (a configuration value, a request path) made safe to show in one log line or message: control
 * characters, C1 controls and the Unicode line and paragraph separators escaped, the length capped. Not part of the
 * API.
 */
public final class Printable {

    /** The most characters shown. */
    public static final int MAX_LENGTH = 200;

    private Printable() {
    }

    /**
     * Makes text printable.
     *
     * @param text the text, may be null
     * @return the text, escaped and capped; {@code -} for null
     */
    public static String of(String text) {
        if (text == null) {
            return "-";
        }
        int limit = Math.min(text.length(), MAX_LENGTH);
        StringBuilder out = new StringBuilder(limit + 8);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (text.length() > limit) {
            out.append("...");
        }
        return out.toString();
    }
}
