package dev.captchagate.demo;

import dev.captchagate.trustcaptcha.sandbox.TrustCaptchaSandbox;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * In sandbox mode, points the library at the sandbox this WAR serves: {@code trustcaptcha.api-key} is the
 * sandbox's key and {@code trustcaptcha/mp-rest/url} is {@code http://127.0.0.1:<port>/sandbox}. In real mode it
 * adds nothing, so the library uses {@code TRUSTCAPTCHA_API_KEY} and its default host. Its ordinal (150) is below
 * environment variables and system properties: anything set there wins.
 */
public class DemoConfigSource implements ConfigSource {

    private final Map<String, String> properties;

    /** Reads the mode. */
    public DemoConfigSource() {
        DemoMode mode = DemoMode.current();
        properties = mode.sandbox()
                ? Map.of("trustcaptcha.api-key", TrustCaptchaSandbox.API_KEY,
                        "trustcaptcha/mp-rest/url", mode.sandboxApiUrl())
                : Map.of();
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return "TrustCaptcha demo mode";
    }

    @Override
    public int getOrdinal() {
        return 150;
    }
}
