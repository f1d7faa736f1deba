package dev.captchagate.trustcaptcha.internal.filter;

import dev.captchagate.trustcaptcha.internal.util.JsonInput;
import dev.captchagate.trustcaptcha.internal.util.JsonPointer;
import dev.captchagate.trustcaptcha.internal.util.JsonSkip;
import jakarta.json.Json;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.util.Map;

/**
 * Finds the token in a JSON body with a streaming JSON-P parser: it follows the pointer, skips every subtree off
 * the path without building it, and stops at the first member that matches. Nothing after the token is read, so
 * a body that is malformed only after the token is the application's business, not ours.
 */
final class JsonTokenFinder {

    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    private JsonTokenFinder() {
    }

    /**
     * Looks for the pointer's member.
     *
     * @param body the body
     * @param length how many bytes of it are the body
     * @param pointer where the token is
     * @return what was found
     */
    static Found find(byte[] body, int length, JsonPointer pointer) {
        try (JsonParser parser = JsonInput.parser(PARSERS, body, length)) {
            if (!parser.hasNext()) {
                return Found.MALFORMED;
            }
            Event root = parser.next();
            if (root != Event.START_OBJECT && root != Event.START_ARRAY) {
                return Found.ABSENT;
            }
            return inside(parser, root, pointer, 0);
        } catch (RuntimeException unreadable) {
            // Malformed JSON, undecodable bytes or a body that ends early (JsonException, NoSuchElementException,
            // IllegalStateException), and nesting past the parser's limit (Parsson throws a bare RuntimeException):
            // whatever the parser makes of client input, it is unreadable input, never a server error.
            return Found.MALFORMED;
        }
    }

    /** Scans one object or array for the pointer's token at {@code level}; ends at the container's end. */
    private static Found inside(JsonParser parser, Event container, JsonPointer pointer, int level) {
        boolean object = container == Event.START_OBJECT;
        Event end = object ? Event.END_OBJECT : Event.END_ARRAY;
        int index = 0;
        Event event;
        while ((event = parser.next()) != end) {
            boolean matches;
            Event value;
            if (object) {
                matches = parser.getString().equals(pointer.name(level)); // event is KEY_NAME
                value = parser.next();
            } else {
                matches = index++ == pointer.index(level);
                value = event;
            }
            if (!matches) {
                JsonSkip.value(parser, value);
            } else if (level == pointer.depth() - 1) {
                return value == Event.VALUE_STRING ? Found.string(parser.getString()) : Found.NOT_A_STRING;
            } else if (value == Event.START_OBJECT || value == Event.START_ARRAY) {
                Found deeper = inside(parser, value, pointer, level + 1);
                if (deeper != Found.ABSENT) {
                    return deeper;
                }
            }
        }
        return Found.ABSENT;
    }

    /** What the search found: a string, or why there is none. */
    static final class Found {
        static final Found ABSENT = new Found(null);
        static final Found NOT_A_STRING = new Found(null);
        static final Found MALFORMED = new Found(null);

        private final String value;

        private Found(String value) {
            this.value = value;
        }

        static Found string(String value) {
            return new Found(value);
        }

        /** The string found, or null. */
        String value() {
            return value;
        }
    }
}
