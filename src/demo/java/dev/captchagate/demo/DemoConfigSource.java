package dev.captchagate.demo;

import dev.captchagate.trustcaptcha.sandbox.TrustCaptchaSandbox;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * In sandbox mode, points the library at the sandbox this WAR serves: {@code trustcaptcha.api-key} is the
 * sandbox's key and {@code trustcaptcha/mp-rest/url} is {@code http://127.0.0.1:<port>/sandbox}. In real mode it
 * adds only the sign-in page's keys, so the library uses {@code TRUSTCAPTCHA_API_KEY} and its default host. In both,
 * the login of Jakarta Security is protected ({@code trustcaptcha.login.enabled}) and a refused sign-in goes back
 * to the sign-in page with its code. Its ordinal (150) is below
 * environment variables and system properties: anything set there wins.
 */
public class DemoConfigSource implements ConfigSource {

    /** The sign-in page's CAPTCHA, in both modes: refusals go back to the page with their code. */
    private static final Map<String, String> LOGIN = Map.of("trustcaptcha.login.enabled", "true",
            "trustcaptcha.login.on-refusal", "redirect:/signin");

    private final Map<String, String> properties;

    /** Reads the mode. */
    public DemoConfigSource() {
        DemoMode mode = DemoMode.current();
        Map<String, String> all = new HashMap<>(LOGIN);
        if (mode.sandbox()) {
            all.put("trustcaptcha.api-key", TrustCaptchaSandbox.API_KEY);
            all.put("trustcaptcha/mp-rest/url", mode.sandboxApiUrl());
        }
        properties = Map.copyOf(all);
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
