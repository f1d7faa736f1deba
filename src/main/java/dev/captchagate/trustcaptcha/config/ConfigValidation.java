package dev.captchagate.trustcaptcha.config;

import dev.captchagate.trustcaptcha.filter.FilterRegistrar;
import dev.captchagate.trustcaptcha.filter.FilterSettings;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Checks the whole configuration when the application is deployed and fails the deployment, with every problem
 * in one message, when something is wrong. Misconfiguration never waits for the first protected request.
 */
public class ConfigValidation implements Extension {

    private static final Logger LOG = Logger.getLogger(ConfigValidation.class.getName());

    void validate(@Observes AfterDeploymentValidation event) {
        List<String> problems = problems(ConfigProvider.getConfig());
        if (!problems.isEmpty()) {
            String message = ConfigMessages.deploymentFailed(problems);
            LOG.severe(message);
            event.addDeploymentProblem(new DeploymentException(message));
        }
    }

    /**
     * Every problem of a configuration.
     *
     * @param config the configuration
     * @return the problems, empty when the configuration is valid
     */
    public static List<String> problems(Config config) {
        ConfigReader reader = ConfigReader.of(config);
        ClientSettings.read(reader);
        FilterSettings.read(reader);
        FilterRegistrar.urlPatterns(reader);
        return reader.problems();
    }
}
