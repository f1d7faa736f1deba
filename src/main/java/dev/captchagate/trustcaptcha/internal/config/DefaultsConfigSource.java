package dev.captchagate.trustcaptcha.internal.config;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The library's defaults for the REST client keys, as the lowest-ranked configuration source, so that they are
 * the effective values whenever the application sets nothing, and every other source wins.
 *
 * <p>Needed because servers bring their own client defaults: Payara Micro's domain configuration sets JAX-RS
 * client connect and read timeouts of 300 seconds, which would otherwise apply to the TrustCaptcha call.
 */
public final class DefaultsConfigSource implements ConfigSource {

    /** Below every source of the specification (100, 300, 400) and of the servers we know. */
    public static final int ORDINAL = 1;

    /** The REST client keys with their defaults, from the table of keys. */
    private static final Map<String, String> DEFAULTS = Keys.ALL.stream()
            .filter(key -> key.reading() == Key.Reading.REST_CLIENT)
            .collect(Collectors.toUnmodifiableMap(Key::name, Key::defaultText));

    @Override
    public Set<String> getPropertyNames() {
        return DEFAULTS.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return DEFAULTS.get(propertyName);
    }

    @Override
    public String getName() {
        return "trustcaptcha-jakarta defaults";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
