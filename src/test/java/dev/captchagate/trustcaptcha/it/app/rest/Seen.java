package dev.captchagate.trustcaptcha.it.app.rest;

import dev.captchagate.trustcaptcha.CurrentVerification;
import dev.captchagate.trustcaptcha.Decision;
import dev.captchagate.trustcaptcha.VerificationResult;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Base64;

/** What a resource method saw: its entity (Base64, byte for byte), the result through CDI and as a property. */
public final class Seen {

    private Seen() {
    }

    public static JsonObject of(byte[] body, CurrentVerification verification, HttpServletRequest request) {
        Object property = request.getAttribute(VerificationResult.ATTRIBUTE);
        Object decision = request.getAttribute(Decision.ATTRIBUTE);
        return Json.createObjectBuilder()
                .add("body", body == null ? "" : Base64.getEncoder().encodeToString(body))
                .add("resultCdi", verification.result().map(r -> r.verificationId().toString()).orElse("none"))
                .add("resultProperty", property instanceof VerificationResult result
                        ? result.verificationId().toString() : "none")
                .add("decision", decision instanceof Decision seen ? seen.code() : "none")
                .build();
    }
}
