package dev.captchagate.trustcaptcha.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * A MicroProfile {@link Config} over a map, converting the way the spec does for the types the library reads
 * (String, and Boolean with the spec's "true, 1, YES, Y, ON" rule). An empty value counts as absent, as in the
 * spec.
 */
public final class MapConfig implements Config {

    private final Map<String, String> values;
    private final Set<String> unlisted;

    private MapConfig(Map<String, String> values, Set<String> unlisted) {
        this.values = values;
        this.unlisted = unlisted;
    }

    private MapConfig(Map<String, String> values) {
        this(values, Set.of());
    }

    /** A config with these key-value pairs. */
    public static MapConfig of(String... keysAndValues) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new MapConfig(values);
    }

    /** A copy with one more value. */
    public MapConfig with(String key, String value) {
        Map<String, String> copy = new HashMap<>(values);
        copy.put(key, value);
        return new MapConfig(copy, unlisted);
    }

    /**
     * A copy that has a value for these names but does not list them, as a source of environment variables may not.
     *
     * @param names the names left out of {@link #getPropertyNames()}
     * @return the copy
     */
    public MapConfig unlisting(String... names) {
        return new MapConfig(values, Set.of(names));
    }

    @Override
    public <T> Optional<T> getOptionalValue(String propertyName, Class<T> propertyType) {
        String value = values.get(propertyName);
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        if (propertyType == String.class) {
            return Optional.of(propertyType.cast(value));
        }
        if (propertyType == Boolean.class) {
            String v = value.strip().toUpperCase(Locale.ROOT);
            boolean truth = v.equals("TRUE") || v.equals("1") || v.equals("YES") || v.equals("Y") || v.equals("ON");
            return Optional.of(propertyType.cast(truth));
        }
        throw new IllegalArgumentException("MapConfig does not convert to " + propertyType);
    }

    @Override
    public <T> T getValue(String propertyName, Class<T> propertyType) {
        return getOptionalValue(propertyName, propertyType).orElseThrow(() -> new NoSuchElementException(propertyName));
    }

    @Override
    public ConfigValue getConfigValue(String propertyName) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Iterable<String> getPropertyNames() {
        return values.keySet().stream().filter(name -> !unlisted.contains(name)).toList();
    }

    @Override
    public Iterable<ConfigSource> getConfigSources() {
        return List.of();
    }

    @Override
    public <T> Optional<Converter<T>> getConverter(Class<T> forType) {
        return Optional.empty();
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        throw new IllegalArgumentException();
    }
}
