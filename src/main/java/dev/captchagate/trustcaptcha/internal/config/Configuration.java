package dev.captchagate.trustcaptcha.internal.config;

import dev.captchagate.trustcaptcha.internal.config.Key.Reading;
import dev.captchagate.trustcaptcha.internal.config.Key.Scope;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.WeakHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * The application's configuration: every key of {@link Keys} read from MicroProfile Config once per {@link Config}
 * instance (the server keeps one per application), validated, with every problem collected, so that one failed
 * deployment reports all of them. Immutable. Whoever needs a value (the CDI extension, the filter registrar, each
 * filter instance, the result client, the replay store) asks {@link #of(Config)}; a filter instance adds its
 * init-params with {@link #forFilter(String, Map)}; a {@code @CaptchaProtected} binding reads its named policy
 * ({@code trustcaptcha.policies.<name>.}) with {@link #policy(String, Config)}.
 */
public final class Configuration {

    /** One reading per application: the key is the application's {@link Config}, which the server keeps. */
    private static final Map<Config, Configuration> READ = Collections.synchronizedMap(new WeakHashMap<>());

    private final Map<Key<?>, Object> values;
    private final Set<Key<?>> set;
    private final Map<Key<?>, List<String>> problemsByKey;
    private final List<String> problems;
    private final Map<String, FilterConfiguration> policies;

    /** A policy's name: letters, digits, {@code -} and {@code _}. */
    private static final Pattern POLICY_NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private Configuration(Map<Key<?>, Object> values, Set<Key<?>> set, Map<Key<?>, List<String>> problemsByKey,
                          List<String> problems, Map<String, FilterConfiguration> policies) {
        this.values = values;
        this.set = Set.copyOf(set);
        this.problemsByKey = problemsByKey;
        this.problems = List.copyOf(problems);
        this.policies = policies;
    }

    /**
     * The configuration of an application, read the first time it is asked for.
     *
     * @param config the application's MicroProfile Config
     * @return the configuration
     */
    public static Configuration of(Config config) {
        return READ.computeIfAbsent(config, Configuration::read);
    }

    /**
     * Reads a configuration afresh.
     *
     * @param config the MicroProfile Config
     * @return the configuration
     */
    public static Configuration read(Config config) {
        List<String> problems = new ArrayList<>();
        TreeSet<String> policyNames = new TreeSet<>();
        for (String name : new TreeSet<>(names(config))) {
            if (name.startsWith(Keys.POLICIES_PREFIX)) {
                policyKey(config, name, policyNames, problems);
                continue;
            }
            if (name.startsWith(Keys.PREFIX) && Keys.ALL.stream().noneMatch(key -> key.name().equals(name))
                    && !environmentAlias(config, name)) {
                String closest = Similar.closest(name.substring(Keys.PREFIX.length()), Keys.ALL.stream()
                        .filter(key -> key.reading() == Reading.LIBRARY).map(Key::initParam).toList());
                problems.add(ConfigMessages.unknownKey(name, closest == null ? null : Keys.PREFIX + closest));
            }
        }
        // Listed names, and the spec's keys looked up by name: an environment variable is found only that way.
        TreeSet<String> former = new TreeSet<>();
        names(config).stream().filter(name -> name.startsWith(Keys.FORMER_REST_CLIENT_INTERFACE + "/"))
                .forEach(former::add);
        for (String property : Keys.REST_CLIENT_PROPERTIES) {
            String name = Keys.FORMER_REST_CLIENT_INTERFACE + "/mp-rest/" + property;
            if (config.getOptionalValue(name, String.class).isPresent()) {
                former.add(name);
            }
        }
        for (String name : former) {
            int property = name.indexOf("/mp-rest/");
            problems.add(ConfigMessages.formerRestClientKey(name, property < 0 ? Keys.REST_CLIENT_PREFIX + "..."
                    : Keys.REST_CLIENT_PREFIX + name.substring(property + "/mp-rest/".length())));
        }
        Map<Key<?>, Object> values = new HashMap<>();
        Set<Key<?>> set = new HashSet<>();
        Map<Key<?>, List<String>> problemsByKey = new HashMap<>();
        for (Key<?> key : Keys.ALL) {
            List<String> found = new ArrayList<>();
            Optional<Text> text = lookup(config, key);
            if (text.isPresent() && !text.get().text().isEmpty()) {
                set.add(key);
            }
            Object value = parse(key, text, found);
            if (value != null) {
                values.put(key, value);
            }
            problemsByKey.put(key, List.copyOf(found));
            problems.addAll(found);
        }
        Configuration global = new Configuration(values, set, problemsByKey, problems, Map.of());
        Set<String> all = new LinkedHashSet<>(problems);
        Map<String, FilterConfiguration> policies = new TreeMap<>();
        for (String policy : policyNames) {
            FilterConfiguration named = global.named(policy, config);
            policies.put(policy, named);
            all.addAll(named.problems());
        }
        String loginPolicy = (String) values.get(Keys.LOGIN_POLICY);
        if (loginPolicy != null && !loginPolicy.isEmpty()) {
            Optional<FilterConfiguration> login = global.policy(loginPolicy, config);
            if (login.isEmpty()) {
                all.add(ConfigMessages.unknownLoginPolicy(loginPolicy));
            } else {
                all.addAll(login.get().problems());
            }
        }
        return new Configuration(values, set, problemsByKey, List.copyOf(all), Collections.unmodifiableMap(policies));
    }

    /**
     * Checks a listed name under {@code trustcaptcha.policies.}: it must be {@code <name>.<key>} with a policy name
     * and a per-filter key by its policy name; the policy's name is collected.
     */
    private static void policyKey(Config config, String name, Set<String> policyNames, List<String> problems) {
        String rest = name.substring(Keys.POLICIES_PREFIX.length());
        int dot = rest.indexOf('.');
        String policy = dot < 0 ? rest : rest.substring(0, dot);
        String param = dot < 0 ? "" : rest.substring(dot + 1);
        if (!POLICY_NAME.matcher(policy).matches() || param.isEmpty()) {
            problems.add(ConfigMessages.unknownKey(name, null) + " (a named policy's keys are "
                    + Keys.POLICIES_PREFIX + "<name>.<key>, the name of letters, digits, - and _)");
            return;
        }
        policyNames.add(policy);
        if (policyKeys().anyMatch(key -> key.policyParam().equals(param))) {
            return;
        }
        String prefix = Keys.POLICIES_PREFIX + policy + ".";
        // SmallRye Config (WildFly) lists an environment variable under a name of its own, as for the global keys.
        boolean alias = policyKeys().anyMatch(key -> environmentForm(prefix + key.policyParam())
                .equals(environmentForm(name)) && sameValue(config, name, prefix + key.policyParam()));
        if (alias) {
            return;
        }
        Optional<Key<?>> global = Keys.ALL.stream().filter(key -> key.reading() == Reading.LIBRARY
                && key.initParam().equals(param)).findFirst();
        if (global.isPresent()) {
            problems.add(ConfigMessages.globalOnlyInPolicy(name, global.get().name()));
            return;
        }
        String closest = Similar.closest(param, policyKeys().map(Key::policyParam).toList());
        problems.add(ConfigMessages.unknownKey(name, closest == null ? null : prefix + closest));
    }

    private static java.util.stream.Stream<Key<?>> policyKeys() {
        return Keys.ALL.stream().filter(key -> key.scope() == Scope.PER_FILTER);
    }

    private static boolean sameValue(Config config, String listed, String known) {
        try {
            Optional<String> value = config.getOptionalValue(listed, String.class);
            return value.isPresent() && value.equals(config.getOptionalValue(known, String.class));
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    /** A named policy's view: its keys over the application's per-filter keys. */
    private FilterConfiguration named(String policy, Config config) {
        String prefix = Keys.POLICIES_PREFIX + policy + ".";
        Map<Key<?>, String> texts = new LinkedHashMap<>();
        Map<Key<?>, String> sources = new HashMap<>();
        policyKeys().forEach(key -> {
            String name = prefix + key.policyParam();
            Optional<String> text;
            try {
                text = config.getOptionalValue(name, String.class);
            } catch (RuntimeException unreadable) {
                text = Optional.of("${unresolved}");
            }
            text.ifPresent(value -> texts.put(key, value));
            sources.put(key, name);
        });
        List<String> problems = new ArrayList<>();
        return new FilterConfiguration(this, overrides(texts, sources::get, problems), problems);
    }

    /**
     * A named policy, also one whose keys the configuration does not list by name (environment variables, which
     * Payara and Open Liberty list as {@code TRUSTCAPTCHA_POLICIES_SIGNUP_MAX_SCORE}): its keys are then looked up
     * by name.
     *
     * @param name the policy's name
     * @param config the configuration to look its keys up in
     * @return the policy's view of the configuration, or empty when no key names it
     */
    public Optional<FilterConfiguration> policy(String name, Config config) {
        FilterConfiguration listed = policies.get(name);
        if (listed != null) {
            return Optional.of(listed);
        }
        if (name == null || !POLICY_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        String prefix = Keys.POLICIES_PREFIX + name + ".";
        boolean set = policyKeys().anyMatch(key -> {
            try {
                return config.getOptionalValue(prefix + key.policyParam(), String.class).isPresent();
            } catch (RuntimeException unreadable) {
                return true; // a value that does not resolve: reported as the policy's problem
            }
        });
        return set ? Optional.of(named(name, config)) : Optional.empty();
    }

    /** @return the names of the configured policies, sorted */
    public Set<String> policyNames() {
        return policies.keySet();
    }

    /**
     * Whether a listed name is a known key seen through an environment variable: SmallRye Config (WildFly) lists
     * {@code TRUSTCAPTCHA_API_KEY} as {@code trustcaptcha.api.key}, a name of its own, which is not a typo when the
     * known key with the same environment form ({@code trustcaptcha.api-key}) reads the very same value. A name in a
     * properties file that merely resembles a key is not found under the key, so it stays an unknown key.
     */
    private static boolean environmentAlias(Config config, String name) {
        String form = environmentForm(name);
        for (Key<?> key : Keys.ALL) {
            if (environmentForm(key.name()).equals(form)) {
                try {
                    Optional<String> aliased = config.getOptionalValue(name, String.class);
                    return aliased.isPresent() && aliased.equals(config.getOptionalValue(key.name(), String.class));
                } catch (RuntimeException unreadable) {
                    return false; // an expression that does not resolve, say: reported as the unknown key it looks like
                }
            }
        }
        return false;
    }

    /** A name as MicroProfile Config looks it up among environment variables: [^A-Za-z0-9] as _, upper case. */
    static String environmentForm(String name) {
        return name.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }

    private static List<String> names(Config config) {
        List<String> names = new ArrayList<>();
        config.getPropertyNames().forEach(names::add);
        return names;
    }

    /** A key's text and the name it was found under. */
    private record Text(String name, String text) {
        @Override
        public String toString() {
            return name; // never the text: it may be the API key
        }
    }

    private static Optional<Text> lookup(Config config, Key<?> key) {
        Function<String, Optional<Text>> value = name -> config.getOptionalValue(name, String.class)
                .map(text -> new Text(name, text));
        if (key.reading() == Reading.LIBRARY) {
            return value.apply(key.name());
        }
        List<String> names = new ArrayList<>(key.aliases());
        names.add(key.name());
        for (String prefix : List.of(Keys.REST_CLIENT_INTERFACE + "/mp-rest/", Keys.REST_CLIENT_PREFIX)) {
            for (String name : names) {
                Optional<Text> text = value.apply(prefix + name.substring(Keys.REST_CLIENT_PREFIX.length()));
                if (text.isPresent()) {
                    return text;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The value of a key found as text, or its default. An empty value is unset (MicroProfile Config treats it so); a
     * value of spaces is the parser's to judge: a blank name or list is unset, a blank number is invalid.
     */
    private static Object parse(Key<?> key, Optional<Text> text, List<String> problems) {
        if (text.isEmpty() || text.get().text().isEmpty()) {
            return key.required()
                    ? key.parse(text.map(Text::text).orElse(""), new Found(key.name(), key.allowed(), problems))
                    : key.defaultValue();
        }
        Object value = key.parse(text.get().text(), new Found(text.get().name(), key.allowed(), problems));
        return value != null ? value : key.defaultValue();
    }

    /**
     * Every problem, in the order of the keys (unknown keys first).
     *
     * @return the problems, each a full message; empty when the configuration is valid
     */
    public List<String> problems() {
        return problems;
    }

    /**
     * Throws when there is a problem, naming all of them.
     *
     * @return this configuration
     * @throws IllegalStateException when the configuration is invalid
     */
    public Configuration requireValid() {
        if (!problems.isEmpty()) {
            throw new IllegalStateException(ConfigMessages.deploymentFailed(problems));
        }
        return this;
    }

    /**
     * A key's value.
     *
     * @param key the key
     * @param <T> its type
     * @return the value: the configured one, else the default (for an invalid value too: use values only when there
     *     is no problem); null only for a required key that is missing or invalid
     */
    @SuppressWarnings("unchecked")
    public <T> T get(Key<T> key) {
        return (T) values.get(key);
    }

    /**
     * Whether a key was given a value (valid or not), rather than left to its default.
     *
     * @param key the key
     * @return {@code true} when some configuration source has a non-empty value for it
     */
    public boolean isSet(Key<?> key) {
        return set.contains(key);
    }

    /**
     * The configuration of one filter instance: the per-filter keys overridden by its init-params.
     *
     * @param filterName the instance's name, for messages
     * @param initParams its init-params
     * @return the instance's view
     */
    public FilterConfiguration forFilter(String filterName, Map<String, String> initParams) {
        List<String> problems = new ArrayList<>();
        List<String> known = policyKeys().map(Key::initParam).toList();
        for (String name : initParams.keySet()) {
            if (known.contains(name)) {
                continue;
            }
            boolean global = Keys.ALL.stream().anyMatch(key -> key.reading() == Reading.LIBRARY
                    && key.initParam().equals(name));
            problems.add(global ? ConfigMessages.globalOnly(filterName, name)
                    : ConfigMessages.unknownInitParam(filterName, name, Similar.closest(name, known)));
        }
        Map<Key<?>, String> texts = new LinkedHashMap<>();
        policyKeys().forEach(key -> {
            String text = initParams.get(key.initParam());
            if (text != null) {
                texts.put(key, text);
            }
        });
        Map<Key<?>, Object> overrides = overrides(texts,
                key -> "init-param " + key.initParam() + " (filter '" + filterName + "')", problems);
        return new FilterConfiguration(this, overrides, problems);
    }

    /**
     * The per-filter keys overridden by texts (an empty text is unset); the application's problems of the keys not
     * overridden, and those of the texts, are added to the problems.
     */
    private Map<Key<?>, Object> overrides(Map<Key<?>, String> texts, Function<Key<?>, String> source,
                                          List<String> problems) {
        Map<Key<?>, Object> overrides = new LinkedHashMap<>();
        policyKeys().forEach(key -> {
            String text = texts.get(key);
            if (text == null || text.isEmpty()) {
                problems.addAll(problemsByKey.get(key));
            } else {
                Object value = key.parse(text, new Found(source.apply(key), key.allowed(), problems));
                overrides.put(key, value != null ? value : key.defaultValue());
            }
        });
        return overrides;
    }

    /** One filter instance's view: its init-params over the application's configuration. */
    public static final class FilterConfiguration {

        private final Configuration global;
        private final Map<Key<?>, Object> overrides;
        private final List<String> problems;

        private FilterConfiguration(Configuration global, Map<Key<?>, Object> overrides, List<String> problems) {
            this.global = global;
            this.overrides = overrides;
            this.problems = List.copyOf(problems);
        }

        /**
         * A per-filter key's value for this instance.
         *
         * @param key a per-filter key
         * @param <T> its type
         * @return the init-param's value, else the application's
         */
        @SuppressWarnings("unchecked")
        public <T> T get(Key<T> key) {
            if (key.scope() != Scope.PER_FILTER) {
                throw new IllegalArgumentException(key + " cannot be set per filter");
            }
            return overrides.containsKey(key) ? (T) overrides.get(key) : global.get(key);
        }

        /**
         * The problems of this instance's settings: its init-params, and the per-filter keys of the application.
         *
         * @return the problems; empty when the instance can work
         */
        public List<String> problems() {
            return problems;
        }
    }
}
