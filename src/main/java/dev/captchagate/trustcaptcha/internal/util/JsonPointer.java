package dev.captchagate.trustcaptcha.internal.util;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An RFC 6901 JSON Pointer, such as {@code /verificationToken} or {@code /captcha/token}: the reference tokens,
 * unescaped ({@code ~1} is {@code /}, {@code ~0} is {@code ~}), each also read as an array index when it is one.
 */
public final class JsonPointer {

    private final String text;
    private final String[] names;
    private final int[] indexes;

    private JsonPointer(String text, List<String> tokens) {
        this.text = text;
        this.names = tokens.toArray(new String[0]);
        this.indexes = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            indexes[i] = arrayIndex(names[i]);
        }
    }

    /**
     * Parses a pointer into the document (the empty pointer, the whole document, is not accepted: a token is
     * always a member of something).
     *
     * @param text the pointer, e.g. {@code /captcha/token}
     * @return the pointer, or empty when the text is not a valid pointer that starts with {@code /}
     */
    public static Optional<JsonPointer> parse(String text) {
        if (text == null || !text.startsWith("/")) {
            return Optional.empty();
        }
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        for (int i = 1; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '/';
            if (c == '/') {
                tokens.add(token.toString());
                token.setLength(0);
            } else if (c == '~') {
                char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
                if (next != '0' && next != '1') {
                    return Optional.empty();
                }
                token.append(next == '0' ? '~' : '/');
                i++;
            } else {
                token.append(c);
            }
        }
        return Optional.of(new JsonPointer(text, tokens));
    }

    /** How many reference tokens. */
    public int depth() {
        return names.length;
    }

    /** The reference token at a level, as a member name. */
    public String name(int level) {
        return names[level];
    }

    /** The reference token at a level as an array index, or -1 when it is none. */
    public int index(int level) {
        return indexes[level];
    }

    private static int arrayIndex(String token) {
        // RFC 6901: "0", or a number without leading zeros; "-" (after the last element) never matches.
        if (token.isEmpty() || token.length() > 9 || (token.length() > 1 && token.charAt(0) == '0')) {
            return -1;
        }
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) < '0' || token.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(token);
    }

    @Override
    public String toString() {
        return text;
    }
}
