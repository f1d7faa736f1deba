package dev.captchagate.trustcaptcha.internal.util;

import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParser;

/**
 * Skips a JSON value with {@link JsonParser#next()}, counting depth. Not part of the API.
 *
 * <p>Deliberately not {@link JsonParser#skipArray()} or {@link JsonParser#skipObject()}: in Parsson (1.1.5 in
 * Payara 6.2025.10, 1.1.7 on Maven Central) they never return when the input ends inside the value, so a
 * truncated body such as <code>{"a":[</code> would keep a thread spinning for good. {@code next()} reports the
 * early end as an exception.
 */
public final class JsonSkip {

    private JsonSkip() {
    }

    /**
     * Skips the value whose first event was just read.
     *
     * @param parser the parser
     * @param first the event that started the value; for a scalar there is nothing left to skip
     */
    public static void value(JsonParser parser, Event first) {
        if (first != Event.START_OBJECT && first != Event.START_ARRAY) {
            return;
        }
        int depth = 1;
        while (depth > 0) {
            Event event = parser.next();
            if (event == Event.START_OBJECT || event == Event.START_ARRAY) {
                depth++;
            } else if (event == Event.END_OBJECT || event == Event.END_ARRAY) {
                depth--;
            }
        }
    }
}
