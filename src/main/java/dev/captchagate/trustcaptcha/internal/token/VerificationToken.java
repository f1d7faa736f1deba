package dev.captchagate.trustcaptcha.internal.token;

import dev.captchagate.trustcaptcha.internal.util.JsonInput;
import dev.captchagate.trustcaptcha.internal.util.JsonSkip;
import jakarta.json.Json;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A decoded TrustCaptcha verification token: the only two things of it the library uses.
 *
 * <p>The widget's token is standard Base64 (with padding) of a UTF-8 JSON object. It is not signed, so everything
 * in it is chosen by the client: the library takes the {@code verificationId} to ask TrustCaptcha for the result,
 * and {@code clientFailover} to ask for it the way the vendor's libraries do. Every other member, in particular
 * the {@code apiEndpoint} of old tokens, is ignored: the API host comes from configuration only.
 *
 * @param verificationId the verification whose result to fetch
 * @param clientFailover whether the widget minted this token itself because it could not reach TrustCaptcha
 */
public record VerificationToken(UUID verificationId, boolean clientFailover) {

    /** Longest raw token accepted, in characters; real tokens are a few hundred. */
    public static final int MAX_LENGTH = 4096;

    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    /**
     * Checks the arguments.
     *
     * @param verificationId the verification id, not null
     * @param clientFailover whether the token claims client failover
     */
    public VerificationToken {
        Objects.requireNonNull(verificationId, "verificationId");
    }

    /**
     * Decodes a raw token strictly: at most {@value #MAX_LENGTH} characters, standard Base64 with padding, a JSON
     * object with a string {@code verificationId} that {@link UUID#fromString(String)} accepts. Whitespace around
     * the token and around the JSON is tolerated; unknown members are ignored; a {@code clientFailover} that is
     * not a JSON boolean counts as {@code false}. When a member appears twice, the first counts.
     *
     * @param raw the token as the client sent it, may be null
     * @return the token, or empty when it is not a valid verification token
     */
    public static Optional<VerificationToken> decode(String raw) {
        if (raw == null || raw.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String base64 = raw.strip();
        if (base64.isEmpty() || base64.length() % 4 != 0) {
            return Optional.empty();
        }
        byte[] json;
        try {
            json = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        try (JsonParser parser = JsonInput.parser(PARSERS, json, json.length)) {
            return readToken(parser);
        } catch (RuntimeException notJson) {
            // Malformed JSON or undecodable text (JsonException), input that ends early (NoSuchElementException,
            // IllegalStateException), nesting past the parser's limit (Parsson throws a bare RuntimeException):
            // whatever the parser makes of a client's token, it is an invalid token, never a server error.
            return Optional.empty();
        }
    }

    private static Optional<VerificationToken> readToken(JsonParser parser) {
        if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
            return Optional.empty();
        }
        UUID verificationId = null;
        Boolean clientFailover = null;
        while (parser.next() != JsonParser.Event.END_OBJECT) {
            String member = parser.getString(); // inside an object, every other event is a KEY_NAME
            JsonParser.Event value = parser.next();
            if ("verificationId".equals(member) && verificationId == null) {
                if (value != JsonParser.Event.VALUE_STRING) {
                    return Optional.empty();
                }
                verificationId = parseUuid(parser.getString());
                if (verificationId == null) {
                    return Optional.empty();
                }
            } else if ("clientFailover".equals(member) && clientFailover == null) {
                clientFailover = value == JsonParser.Event.VALUE_TRUE;
                JsonSkip.value(parser, value); // an object or an array is skipped whole, never read as members
            } else {
                JsonSkip.value(parser, value);
            }
        }
        if (parser.hasNext()) {
            return Optional.empty(); // more than one JSON value
        }
        return verificationId == null
                ? Optional.empty()
                : Optional.of(new VerificationToken(verificationId, Boolean.TRUE.equals(clientFailover)));
    }

    private static UUID parseUuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException notUuid) {
            return null;
        }
    }
}
