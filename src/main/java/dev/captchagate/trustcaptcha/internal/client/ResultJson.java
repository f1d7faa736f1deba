package dev.captchagate.trustcaptcha.internal.client;

import dev.captchagate.trustcaptcha.VerificationResult;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.io.ByteArrayInputStream;
import java.util.Optional;

/**
 * JSON-B binding of {@link VerificationResult}, with one {@link Jsonb} per application (it is thread-safe and
 * costly to create). The server provides the JSON-B implementation.
 */
public final class ResultJson {

    private ResultJson() {
    }

    /** Created on first use; the holder idiom keeps creation lazy and thread-safe. */
    private static final class Holder {
        static final Jsonb JSONB = JsonbBuilder.create();
    }

    /**
     * Binds a result body.
     *
     * @param body the body of a 200 answer, already read with a size bound
     * @return the result, or empty when the body is not a JSON object that binds to a result, or its score is not
     *     a number from 0 to 1 (so that no NaN or infinity ever reaches a comparison)
     */
    public static Optional<VerificationResult> parse(byte[] body) {
        if (!startsLikeObject(body)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(Holder.JSONB.fromJson(new ByteArrayInputStream(body), VerificationResult.class))
                    .filter(result -> result.score() >= 0 && result.score() <= 1);
        } catch (JsonbException | IllegalArgumentException | ClassCastException | ArithmeticException e) {
            // Malformed JSON, a member of the wrong type, a number out of range: an unreadable answer.
            return Optional.empty();
        }
    }

    /** The result is a JSON object: anything else (an array, a string, HTML, nothing) is not worth binding. */
    private static boolean startsLikeObject(byte[] body) {
        for (byte b : body) {
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
                continue;
            }
            return b == '{';
        }
        return false;
    }
}
