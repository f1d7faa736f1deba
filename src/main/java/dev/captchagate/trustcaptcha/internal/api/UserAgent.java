package dev.captchagate.trustcaptcha.internal.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Properties;

/**
 * The {@code User-Agent} of the result call: the vendor libraries' product token
 * ({@code Trustcaptcha/<Base64 of {"language":"jvm","version":...}>}) followed by this library's own.
 */
public final class UserAgent {

    private UserAgent() {
    }

    /** This library's version, from the build. */
    static final String VERSION = readVersion();

    /** The header value. */
    public static final String VALUE = "Trustcaptcha/"
            + Base64.getEncoder().encodeToString(
                    ("{\"language\":\"jvm\",\"version\":\"" + VERSION + "\"}").getBytes(StandardCharsets.UTF_8))
            + " trustcaptcha-jakarta/" + VERSION;

    private static String readVersion() {
        try (InputStream in = UserAgent.class.getResourceAsStream("/dev/captchagate/trustcaptcha/version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
