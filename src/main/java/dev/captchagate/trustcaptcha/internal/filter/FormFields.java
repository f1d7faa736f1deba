package dev.captchagate.trustcaptcha.internal.filter;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code application/x-www-form-urlencoded} bytes: {@code name=value} pairs joined by {@code &}, with
 * {@code +} for a space and {@code %XX} escapes of bytes in the given charset.
 */
final class FormFields {

    private FormFields() {
    }

    /** A field's value, or why there is none. */
    record Lookup(String value, boolean malformed) {
        static final Lookup ABSENT = new Lookup(null, false);
        static final Lookup MALFORMED = new Lookup(null, true);
    }

    /**
     * The first value of a field, as a container's {@code getParameter} would give it: a pair with a broken escape
     * (in its name or its value) is left out, as containers leave it out, and the search goes on after it.
     *
     * @param body the body
     * @param length how many bytes of it are the body
     * @param name the field
     * @param charset the charset of the escapes
     * @return the value; {@link Lookup#MALFORMED} when there is none and some pair had a broken escape (it may have
     *     been the field), {@link Lookup#ABSENT} when there is none in a well-formed form
     */
    static Lookup first(byte[] body, int length, String name, Charset charset) {
        boolean skipped = false;
        int start = 0;
        while (start <= length) {
            int end = indexOf(body, (byte) '&', start, length);
            int equals = indexOf(body, (byte) '=', start, end);
            String field = decode(body, start, equals, charset);
            if (field == null) {
                skipped = true;
            } else if (field.equals(name)) {
                String value = equals < end ? decode(body, equals + 1, end, charset) : "";
                if (value != null) {
                    return new Lookup(value, false);
                }
                skipped = true;
            }
            start = end + 1;
        }
        return skipped ? Lookup.MALFORMED : Lookup.ABSENT;
    }

    /**
     * Every field, in order, as a servlet container presents them: pairs with a broken escape are left out, as
     * containers do, and a pair without {@code =} has the empty value.
     *
     * @param body the body
     * @param charset the charset of the escapes
     * @return the values of each field
     */
    static Map<String, List<String>> all(byte[] body, Charset charset) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        int start = 0;
        while (start <= body.length) {
            int end = indexOf(body, (byte) '&', start, body.length);
            if (end > start) {
                int equals = indexOf(body, (byte) '=', start, end);
                String field = decode(body, start, equals, charset);
                String value = equals < end ? decode(body, equals + 1, end, charset) : "";
                if (field != null && value != null && !field.isEmpty()) {
                    fields.computeIfAbsent(field, f -> new ArrayList<>()).add(value);
                }
            }
            start = end + 1;
        }
        return fields;
    }

    private static int indexOf(byte[] bytes, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return to;
    }

    /** Decodes {@code bytes[from, to)}; null when an escape is broken. */
    private static String decode(byte[] bytes, int from, int to, Charset charset) {
        boolean plain = true;
        for (int i = from; i < to && plain; i++) {
            plain = bytes[i] != '%' && bytes[i] != '+';
        }
        if (plain) {
            return new String(bytes, from, to - from, charset);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == '+') {
                out.write(' ');
            } else if (b == '%') {
                int high = i + 2 < to ? Character.digit(bytes[i + 1], 16) : -1;
                int low = i + 2 < to ? Character.digit(bytes[i + 2], 16) : -1;
                if (high < 0 || low < 0) {
                    return null;
                }
                out.write(high * 16 + low);
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toString(charset);
    }
}
