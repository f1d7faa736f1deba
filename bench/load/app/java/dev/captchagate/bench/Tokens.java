package dev.captchagate.bench;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Reads the verification id out of a token the way a servlet would check it: Base64, then the JSON member. */
final class Tokens {

    static final String HEADER = "X-TrustCaptcha-Token";
    private static final String MEMBER = "\"verificationId\":\"";

    private Tokens() {
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
