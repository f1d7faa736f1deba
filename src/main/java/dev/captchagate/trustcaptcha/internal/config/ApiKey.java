package dev.captchagate.trustcaptcha.internal.config;

/**
 * The TrustCaptcha API key. Its text leaves this object only as the {@code Authorization} header value for the
 * configured TrustCaptcha host; {@link #toString()} masks it, so it is safe in logs and messages.
 */
public final class ApiKey {

    private final String value;

    private ApiKey(String value) {
        this.value = value;
    }

    /**
     * Wraps a key that {@link #problemWith(String)} accepted.
     *
     * @param value the key, already stripped
     * @return the key
     */
    static ApiKey of(String value) {
        if (problemWith(value) != null) {
            throw new IllegalArgumentException("not a usable API key");
        }
        return new ApiKey(value);
    }

    /**
     * Why a configured key cannot be used, without repeating the key.
     *
     * @param value the stripped key
     * @return the reason, or {@code null} when it is usable
     */
    static String problemWith(String value) {
        if (value == null || value.isEmpty()) {
            return ConfigMessages.apiKeyMissing();
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return ConfigMessages.apiKeyNotPrintable();
            }
        }
        return null;
    }

    /**
     * The value of the {@code Authorization} header for the TrustCaptcha API.
     *
     * @return {@code Bearer <key>}
     */
    public String bearerAuthorization() {
        return "Bearer " + value;
    }

    /**
     * The key, masked: its {@code ak_} prefix when it has one, and its length.
     *
     * @return e.g. {@code ak_*** (52 characters)}
     */
    @Override
    public String toString() {
        return (value.startsWith("ak_") ? "ak_***" : "***") + " (" + value.length() + " characters)";
    }
}
