package dev.captchagate.trustcaptcha.filter;

/** Client-controlled text made safe for one log line: control characters escaped, length capped. */
final class LogText {

    static final int MAX_LENGTH = 200;

    private LogText() {
    }

    static String safe(String text) {
        if (text == null) {
            return "-";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LENGTH) + 8);
        int limit = Math.min(text.length(), MAX_LENGTH);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029) {
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
