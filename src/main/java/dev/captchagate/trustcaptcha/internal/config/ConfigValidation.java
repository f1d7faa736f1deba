package dev.captchagate.trustcaptcha.internal.config;

import dev.captchagate.trustcaptcha.internal.filter.FilterRegistrar;
import dev.captchagate.trustcaptcha.internal.filter.FilterSettings;
import dev.captchagate.trustcaptcha.internal.replay.ReplayStores;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.eclipse.microprofile.config.Config;

/** Checks every global key at once, and reports unknown keys under {@code trustcaptcha.}. */
public final class ConfigValidation {

    private ConfigValidation() {
    }

    private static List<String> sorted(Iterable<String> names) {
        List<String> list = new ArrayList<>();
        names.forEach(list::add);
        Collections.sort(list);
        return list;
    }

    /**
     * Every problem of a configuration's global keys.
     *
     * @param config the configuration
     * @return the problems, empty when the configuration is valid
     */
    public static List<String> problems(Config config) {
        ConfigReader reader = ConfigReader.of(config);
        List<String> suffixes = Keys.ALL.stream().map(Keys::initParam).toList();
        for (String name : sorted(config.getPropertyNames())) {
            if (name.startsWith(Keys.PREFIX) && !Keys.ALL.contains(name)) {
                String closest = Similar.closest(Keys.initParam(name), suffixes);
                reader.problem(ConfigMessages.unknownKey(name, closest == null ? null : Keys.PREFIX + closest));
            }
        }
        ClientSettings.read(reader);
        FilterSettings.read(reader);
        FilterRegistrar.urlPatterns(reader);
        ReplayStores.ttl(reader);
        ReplayStores.capacity(reader);
        ReplayStores.cacheName(reader);
        return reader.problems();
    }
}
