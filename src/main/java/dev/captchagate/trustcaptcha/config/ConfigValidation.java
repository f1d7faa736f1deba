package dev.captchagate.trustcaptcha.config;

import dev.captchagate.trustcaptcha.filter.FilterRegistrar;
import dev.captchagate.trustcaptcha.filter.FilterSettings;
import dev.captchagate.trustcaptcha.replay.ReplayStores;
import java.util.List;
import org.eclipse.microprofile.config.Config;

/** Checks every global key at once. */
public final class ConfigValidation {

    private ConfigValidation() {
    }

    /**
     * Every problem of a configuration's global keys.
     *
     * @param config the configuration
     * @return the problems, empty when the configuration is valid
     */
    public static List<String> problems(Config config) {
        ConfigReader reader = ConfigReader.of(config);
        ClientSettings.read(reader);
        FilterSettings.read(reader);
        FilterRegistrar.urlPatterns(reader);
        ReplayStores.ttl(reader);
        return reader.problems();
    }
}
