package dev.captchagate.trustcaptcha.internal.bootstrap;

import dev.captchagate.trustcaptcha.CurrentVerification;
import dev.captchagate.trustcaptcha.TrustCaptchaVerifier;
import dev.captchagate.trustcaptcha.internal.api.TrustCaptchaApi;
import dev.captchagate.trustcaptcha.internal.client.ResultClient;
import dev.captchagate.trustcaptcha.internal.config.ConfigMessages;
import dev.captchagate.trustcaptcha.internal.config.Configuration;
import dev.captchagate.trustcaptcha.internal.replay.ReplayStores;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.AfterTypeDiscovery;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The library's CDI extension. It makes sure the library's beans exist whatever the application's bean discovery
 * does, and fails the deployment, with every problem in one message, when the configuration is wrong: a
 * misconfiguration never waits for the first protected request.
 *
 * <p>The beans normally come from bean discovery of this jar ({@code bean-discovery-mode="annotated"}). Some
 * servers skip that discovery: Payara does for a WAR whose {@code web.xml} says {@code metadata-complete="true"}.
 * Whatever discovery did not find is added here.
 */
public class TrustCaptchaExtension implements Extension {

    private static final Logger LOG = Logger.getLogger(TrustCaptchaExtension.class.getName());

    /** The types that must be beans: the library's own and the REST client interface. */
    private static final List<Class<?>> BEAN_TYPES = List.of(TrustCaptchaVerifier.class, ResultClient.class,
            CurrentVerification.class, TrustCaptchaApi.class, ReplayStores.class);

    private final Set<Class<?>> discovered = ConcurrentHashMap.newKeySet();

    void verifier(@Observes ProcessAnnotatedType<TrustCaptchaVerifier> event) {
        discovered.add(TrustCaptchaVerifier.class);
    }

    void client(@Observes ProcessAnnotatedType<ResultClient> event) {
        discovered.add(ResultClient.class);
    }

    void current(@Observes ProcessAnnotatedType<CurrentVerification> event) {
        discovered.add(CurrentVerification.class);
    }

    void api(@Observes ProcessAnnotatedType<TrustCaptchaApi> event) {
        discovered.add(TrustCaptchaApi.class);
    }

    void replay(@Observes ProcessAnnotatedType<ReplayStores> event) {
        discovered.add(ReplayStores.class);
    }

    void addUndiscovered(@Observes AfterTypeDiscovery event) {
        for (Class<?> type : BEAN_TYPES) {
            if (!discovered.contains(type)) {
                LOG.fine(() -> "TrustCaptcha: bean discovery skipped " + type.getName() + ", adding it");
                event.addAnnotatedType(type, TrustCaptchaExtension.class.getName() + "/" + type.getName());
            }
        }
    }

    void validate(@Observes AfterDeploymentValidation event) {
        List<String> problems = Configuration.of(ConfigProvider.getConfig()).problems();
        if (!problems.isEmpty()) {
            String message = ConfigMessages.deploymentFailed(problems);
            LOG.severe(message);
            event.addDeploymentProblem(new DeploymentException(message));
        }
    }
}
