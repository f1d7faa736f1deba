package dev.captchagate.trustcaptcha.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * Verification tokens as the widget makes them, and the vendor's own test tokens. Every token made here is
 * remembered, so that the ITs can show that none of them ever reaches a log.
 */
public final class Tokens {

    private static final java.util.Set<String> ISSUED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private Tokens() {
    }

    /** Every token made so far in this JVM, the vendor's test tokens among them. */
    public static java.util.Set<String> issued() {
        java.util.Set<String> all = new java.util.HashSet<>(ISSUED);
        all.addAll(java.util.List.of(VALID, NOT_FOUND, NOT_FINISHED, EXPIRED, LIMIT_REACHED, NOT_JSON, NO_ID));
        return all;
    }

    /** The vendor's test tokens, for the ids {@code ...0000} to {@code ...0004}. */
    public static final String VALID = "eyJ2ZXJpZmljYXRpb25JZCI6IjAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMCJ9";
    public static final String NOT_FOUND = "eyJ2ZXJpZmljYXRpb25JZCI6IjAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMSJ9";
    public static final String NOT_FINISHED = "eyJ2ZXJpZmljYXRpb25JZCI6IjAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMiJ9";
    public static final String EXPIRED = "eyJ2ZXJpZmljYXRpb25JZCI6IjAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMyJ9";
    public static final String LIMIT_REACHED = "eyJ2ZXJpZmljYXRpb25JZCI6IjAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwNCJ9";

    /** The vendor's invalid test tokens. */
    public static final String INVALID_BASE64 = "invalid-base64";
    public static final String NOT_JSON = "bm90LWEtanNvbg==";
    public static final String NO_ID = "eyJmb28iOiJiYXIifQ==";

    /** A v3 token for an id, as the widget mints it after a solved verification. */
    public static String of(UUID verificationId) {
        return base64("{\"verificationId\":\"" + verificationId + "\",\"expiresAt\":\"2026-11-23T10:30:31.456Z\"}");
    }

    /** A token the widget minted itself during a client failover. */
    public static String failover(UUID verificationId) {
        return base64("{\"verificationId\":\"" + verificationId + "\",\"clientFailover\":true,"
                + "\"expiresAt\":\"2026-11-23T10:30:31.456Z\"}");
    }

    /** Standard Base64 of UTF-8 text. */
    public static String base64(String json) {
        String token = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        ISSUED.add(token);
        return token;
    }
}
