package dev.captchagate.trustcaptcha.internal.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.config.Config;

/**
 * Reads configuration values and collects every problem instead of stopping at the first, so that one failed
 * deployment reports all of them. Values are read as text and converted here, with messages that name the key,
 * what is allowed and what was found.
 *
 * <p>A reader has an optional override source (a filter's init-params): when it has a value for a key without the
 * {@code trustcaptcha.} prefix, that value wins over MicroProfile Config.
 */
public final class ConfigReader {

    /** The fully qualified name of the REST client interface: its keys win over the config key's. */
    private static final String REST_CLIENT_INTERFACE = "dev.captchagate.trustcaptcha.internal.client.TrustCaptchaApi";

    private final Config config;
    private final UnaryOperator<String> overrides;
    private final String overrideSource;
    private final List<String> problems;

    private ConfigReader(Config config, UnaryOperator<String> overrides, String overrideSource, List<String> problems) {
        this.config = config;
        this.overrides = overrides;
        this.overrideSource = overrideSource;
        this.problems = problems;
    }

    /**
     * A reader of MicroProfile Config alone.
     *
     * @param config the application's configuration
     * @return the reader
     */
    public static ConfigReader of(Config config) {
        return new ConfigReader(config, name -> null, null, new ArrayList<>());
    }

    /**
     * A reader that takes values from {@code overrides} first (looked up by the key without {@code trustcaptcha.}),
     * sharing this reader's problem list.
     *
     * @param overrides the override values, e.g. a filter's init-parameters; returns null when there is none
     * @param source how to name the override source in messages, e.g. {@code init-param of filter 'login'}
     * @return the reader
     */
    public ConfigReader withOverrides(UnaryOperator<String> overrides, String source) {
        return new ConfigReader(config, overrides, source, problems);
    }

    /**
     * The problems found so far, in the order found.
     *
     * @return the problems, each a full message
     */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /**
     * Records a problem found by the caller.
     *
     * @param message the full message
     */
    public void problem(String message) {
        problems.add(message);
    }

    /** A value and the name it was found under, for messages. */
    record Value(String name, String text) {
    }

    /**
     * The raw text of a key: from the overrides (by the short name) or MicroProfile Config. MicroProfile Config
     * treats an empty value as absent; so does this.
     */
    Optional<Value> value(String key) {
        if (key.startsWith(Keys.PREFIX)) {
            String shortName = key.substring(Keys.PREFIX.length());
            String override = overrides.apply(shortName);
            if (override != null && !override.isEmpty()) {
                return Optional.of(new Value("init-param " + shortName + " (" + overrideSource + ")", override));
            }
        }
        return config.getOptionalValue(key, String.class).map(text -> new Value(key, text));
    }

    /**
     * A REST client key the way the MicroProfile REST Client resolves it: the interface's own keys first, then the
     * config key's; within each, the names in the order given (the spec's {@code uri} before {@code url}).
     */
    Optional<Value> restClientValue(String... configKeyNames) {
        for (String prefix : new String[] {REST_CLIENT_INTERFACE, Keys.REST_CLIENT}) {
            for (String name : configKeyNames) {
                Optional<Value> value = value(prefix + name.substring(Keys.REST_CLIENT.length()));
                if (value.isPresent()) {
                    return value;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A positive number of milliseconds.
     *
     * @param value the value, when set
     * @param defaultMillis the default
     * @return the duration; the default when unset or invalid (the problem is recorded)
     */
    Duration millis(Optional<Value> value, long defaultMillis) {
        if (value.isEmpty()) {
            return Duration.ofMillis(defaultMillis);
        }
        String text = value.get().text().strip();
        try {
            long millis = Long.parseLong(text);
            if (millis > 0) {
                return Duration.ofMillis(millis);
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        problems.add(ConfigMessages.invalid(value.get().name(), "a positive number of milliseconds",
                value.get().text()));
        return Duration.ofMillis(defaultMillis);
    }

    /**
     * An integer in a range.
     *
     * @param key the key
     * @param defaultValue the default
     * @param min the smallest allowed value
     * @param max the largest allowed value
     * @return the value; the default when unset or invalid (the problem is recorded)
     */
    public int integer(String key, int defaultValue, int min, int max) {
        Optional<Value> value = value(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.get().text().strip());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        problems.add(ConfigMessages.invalid(value.get().name(), "a whole number from " + min + " to " + max,
                value.get().text()));
        return defaultValue;
    }

    /**
     * A number in a closed range.
     *
     * @param key the key
     * @param defaultValue the default
     * @param min the smallest allowed value
     * @param max the largest allowed value
     * @return the value; the default when unset or invalid (the problem is recorded)
     */
    public double decimal(String key, double defaultValue, double min, double max) {
        Optional<Value> value = value(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            double parsed = Double.parseDouble(value.get().text().strip());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        problems.add(ConfigMessages.invalid(value.get().name(), "a number from " + min + " to " + max,
                value.get().text()));
        return defaultValue;
    }

    /**
     * {@code true} or {@code false}, in any case.
     *
     * @param key the key
     * @param defaultValue the default
     * @return the value; the default when unset or invalid (the problem is recorded)
     */
    public boolean bool(String key, boolean defaultValue) {
        Optional<Value> value = value(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        String text = value.get().text().strip().toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        problems.add(ConfigMessages.invalid(value.get().name(), "true or false", value.get().text()));
        return defaultValue;
    }

    /**
     * A positive ISO-8601 duration, such as {@code PT15M}.
     *
     * @param key the key
     * @param defaultValue the default
     * @return the value; the default when unset or invalid (the problem is recorded)
     */
    public Duration duration(String key, Duration defaultValue) {
        return duration(key, defaultValue, false);
    }

    /**
     * An ISO-8601 duration, such as {@code PT5S}: positive, or also zero when allowed.
     *
     * @param key the key
     * @param defaultValue the default
     * @param zeroAllowed whether {@code PT0S} is a valid value
     * @return the value; the default when unset or invalid (the problem is recorded)
     */
    public Duration duration(String key, Duration defaultValue, boolean zeroAllowed) {
        Optional<Value> value = value(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            Duration parsed = Duration.parse(value.get().text().strip());
            if (!parsed.isNegative() && (zeroAllowed || !parsed.isZero())) {
                return parsed;
            }
        } catch (DateTimeParseException notADuration) {
            // reported below
        }
        problems.add(ConfigMessages.invalid(value.get().name(), zeroAllowed
                ? "an ISO-8601 duration such as PT5S, or PT0S for none" : "a positive ISO-8601 duration such as PT15M",
                value.get().text()));
        return defaultValue;
    }

    /**
     * A text value, stripped.
     *
     * @param key the key
     * @return the value, or empty when unset or blank
     */
    public Optional<String> text(String key) {
        return value(key).map(v -> v.text().strip()).filter(text -> !text.isEmpty());
    }

    /**
     * A comma-separated list; blank items are dropped.
     *
     * @param key the key
     * @return the items, stripped; empty when unset
     */
    public List<String> list(String key) {
        Optional<Value> value = value(key);
        if (value.isEmpty()) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        for (String item : value.get().text().split(",")) {
            String stripped = item.strip();
            if (!stripped.isEmpty()) {
                items.add(stripped);
            }
        }
        return List.copyOf(items);
    }

    /**
     * The name a key's value came from (the key itself, or the init-param that overrides it), for messages.
     *
     * @param key the key
     * @return the name
     */
    public String sourceName(String key) {
        return value(key).map(Value::name).orElse(key);
    }

    /** The underlying configuration, for values that need its own converters. */
    Config config() {
        return config;
    }
}
