package dev.captchagate.bench;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The token as the benchmark sends it: in a POST's JSON body, {@code {"verificationToken":"<token>"}}, read the way
 * an application reads its own JSON body (JSON-P); and the verification id out of a token: Base64, then the member.
 */
final class Tokens {

    static final String MEMBER_NAME = "verificationToken";

    /**
     * JSON-P's readers, made once, as an application makes its JSON mapper once (the vendor's library keeps one
     * static Jackson mapper): {@code Json.createReader} looks the provider up on every call, and on Payara that lookup
     * (a class loader's resource scan) costs more than the whole rest of V's request, which would hide what the
     * filter costs on top of the bare call.
     */
    static final JsonReaderFactory JSON = Json.createReaderFactory(null);
    private static final String MEMBER = "\"verificationId\":\"";

    private Tokens() {
    }

    /**
     * The token in the request's JSON body, read with JSON-P as the application (or the vendor's sample) reads its
     * body.
     *
     * @return the token, or null when the body is not a JSON object with a string member {@value #MEMBER_NAME}
     */
    static String fromJsonBody(HttpServletRequest request) throws IOException {
        try (JsonReader reader = JSON.createReader(request.getInputStream())) {
            JsonValue body = reader.readValue();
            if (body.getValueType() != JsonValue.ValueType.OBJECT) {
                return null;
            }
            JsonValue token = ((JsonObject) body).get(MEMBER_NAME);
            return token instanceof JsonString ? ((JsonString) token).getString() : null;
        } catch (JsonException | IllegalStateException invalid) {
            return null;
        }
    }

    /** The verification id in the token, or null. */
    static String verificationId(String token) {
        if (token == null) {
            return null;
        }
        String json;
        try {
            json = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        int at = json.indexOf(MEMBER);
        if (at < 0 || json.length() < at + MEMBER.length() + 36) {
            return null;
        }
        return json.substring(at + MEMBER.length(), at + MEMBER.length() + 36);
    }
}
