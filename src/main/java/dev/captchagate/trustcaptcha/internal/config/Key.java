package dev.captchagate.trustcaptcha.internal.config;

import java.util.List;
import java.util.Objects;

/**
 * One configuration key: its name, its default (as the README and the filter's javadoc show it), what is allowed
 * (the text of "expected ..." in messages), whether a filter instance may override it, how it is read, and how its
 * text becomes a value. Every key lives in {@link Keys}; validation, defaults, per-filter overrides and the "did you
 * mean" suggestions all come from there.
 *
 * @param <T> the type of the value
 */
public final class Key<T> {

    /** Whether a filter instance may override the key with an init-param named like the key without the prefix. */
    public enum Scope {
        /** One value for the application. */
        GLOBAL,
        /** Overridable per filter instance. */
        PER_FILTER
    }

    /** Where the value comes from. */
    public enum Reading {
        /** MicroProfile Config, under the key itself (and a filter's init-param for {@link Scope#PER_FILTER} keys). */
        LIBRARY,
        /**
         * A key of the MicroProfile REST Client, read the way the REST client reads it: the interface's own key first,
         * then the config key's; within each, the names in order (the spec's older {@code uri} before {@code url}).
         */
        REST_CLIENT
    }

    /** Turns a key's text into its value, reporting what is wrong with it. */
    @FunctionalInterface
    interface Parser<T> {
        /**
         * Parses a value.
         *
         * @param text the value as configured, never null (empty when a required key is not set)
         * @param found where to report problems
         * @return the value, or null when it is invalid (after reporting why)
         */
        T parse(String text, Found found);
    }

    private final String name;
    private final List<String> aliases;
    private final String defaultText;
    private final T defaultValue;
    private final String allowed;
    private final Scope scope;
    private final Reading reading;
    private final Parser<T> parser;

    Key(String name, List<String> aliases, String defaultText, T defaultValue, String allowed, Scope scope,
        Reading reading, Parser<T> parser) {
        this.name = Objects.requireNonNull(name);
        this.aliases = List.copyOf(aliases);
        this.defaultText = Objects.requireNonNull(defaultText);
        this.defaultValue = defaultValue;
        this.allowed = allowed;
        this.scope = Objects.requireNonNull(scope);
        this.reading = Objects.requireNonNull(reading);
        this.parser = Objects.requireNonNull(parser);
    }

    /**
     * The key, as set in MicroProfile Config.
     *
     * @return e.g. {@code trustcaptcha.token.header}
     */
    public String name() {
        return name;
    }

    /**
     * Names that win over {@link #name()} when set: for the REST client's URL, the spec's older {@code uri}.
     *
     * @return the names, in the order they win
     */
    List<String> aliases() {
        return aliases;
    }

    /**
     * The default as documented: a value ({@code 403}), {@code none}, or {@code none: required}.
     *
     * @return the documented default
     */
    public String defaultText() {
        return defaultText;
    }

    /**
     * The value when the key is not set.
     *
     * @return the value, or null when there is none (then the setting is off or the key is required)
     */
    public T defaultValue() {
        return defaultValue;
    }

    /**
     * Whether the key must be set.
     *
     * @return {@code true} for the API key
     */
    public boolean required() {
        return defaultText.equals(Keys.REQUIRED);
    }

    /**
     * What is allowed, as messages say it.
     *
     * @return e.g. {@code a whole number from 400 to 499}
     */
    String allowed() {
        return allowed;
    }

    /**
     * Whether a filter instance may override the key.
     *
     * @return the scope
     */
    public Scope scope() {
        return scope;
    }

    /**
     * Where the value comes from.
     *
     * @return how the key is read
     */
    public Reading reading() {
        return reading;
    }

    /**
     * The init-param name of a per-filter key: the key without {@code trustcaptcha.}.
     *
     * @return e.g. {@code token.header}
     */
    public String initParam() {
        if (reading != Reading.LIBRARY) {
            throw new IllegalStateException(name + " is the REST client's key, never an init-param");
        }
        return name.substring(Keys.PREFIX.length());
    }

    /**
     * The name of a per-filter key inside a named policy ({@code trustcaptcha.policies.<name>.}): the init-param
     * without its {@code policy.} or {@code filter.} part.
     *
     * @return e.g. {@code max-score}, {@code methods}, {@code token.header}
     */
    public String policyParam() {
        String param = initParam();
        for (String group : new String[] {"policy.", "filter."}) {
            if (param.startsWith(group)) {
                return param.substring(group.length());
            }
        }
        return param;
    }

    T parse(String text, Found found) {
        return parser.parse(text, found);
    }

    @Override
    public String toString() {
        return name;
    }
}
