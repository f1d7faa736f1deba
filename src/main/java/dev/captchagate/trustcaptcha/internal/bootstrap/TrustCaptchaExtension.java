package dev.captchagate.trustcaptcha.internal.bootstrap;

import dev.captchagate.trustcaptcha.CaptchaProtected;
import dev.captchagate.trustcaptcha.CurrentVerification;
import dev.captchagate.trustcaptcha.TrustCaptchaVerifier;
import dev.captchagate.trustcaptcha.internal.api.TrustCaptchaApi;
import dev.captchagate.trustcaptcha.internal.client.ResultClient;
import dev.captchagate.trustcaptcha.internal.config.ConfigMessages;
import dev.captchagate.trustcaptcha.internal.config.Configuration;
import dev.captchagate.trustcaptcha.internal.config.Keys;
import dev.captchagate.trustcaptcha.internal.login.LoginCaptcha;
import dev.captchagate.trustcaptcha.internal.ops.Operations;
import dev.captchagate.trustcaptcha.internal.ops.ReadinessCheck;
import dev.captchagate.trustcaptcha.internal.ops.StartupCheck;
import dev.captchagate.trustcaptcha.internal.replay.ReplayStores;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.AfterTypeDiscovery;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessBean;
import jakarta.enterprise.inject.spi.WithAnnotations;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;
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
            CurrentVerification.class, TrustCaptchaApi.class, ReplayStores.class, Operations.class);

    /** The Jakarta Security API, which the login's CAPTCHA needs. */
    static final String SECURITY_API =
            "jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism";

    private volatile String loginProblem;
    private volatile boolean loginAdded;
    private volatile boolean mechanismFound;

    /** The MicroProfile Health API, which the health checks need. */
    static final String HEALTH_API = "org.eclipse.microprofile.health.HealthCheck";

    private final Set<Class<?>> discovered = ConcurrentHashMap.newKeySet();

    /** The application's bindings, by annotated class or method. */
    private final Map<String, CaptchaProtected> bindings = new ConcurrentHashMap<>();

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

    void operations(@Observes ProcessAnnotatedType<Operations> event) {
        discovered.add(Operations.class);
    }

    /**
     * Adds the health checks where the server has MicroProfile Health. They carry no bean-defining annotation, so
     * bean discovery never loads them (on a server without the API, loading them would fail); only this does.
     */
    void addHealthChecks(@Observes BeforeBeanDiscovery event) {
        try {
            Class.forName(HEALTH_API, false, TrustCaptchaExtension.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError absent) {
            LOG.info("TrustCaptcha: no MicroProfile Health on this server, no health checks");
            return;
        }
        event.addAnnotatedType(ReadinessCheck.class, TrustCaptchaExtension.class.getName() + "/readiness");
        event.addAnnotatedType(StartupCheck.class, TrustCaptchaExtension.class.getName() + "/startup");
        LOG.info("TrustCaptcha: health checks registered (readiness and start-up, MicroProfile Health)");
    }

    /**
     * Notes the {@code @CaptchaProtected} bindings of the application's beans (resource classes with a scope, say),
     * so that a binding naming a policy that no key configures, or a score out of range, fails the deployment.
     * Resource classes that are not beans are checked when first called.
     */
    void bindings(@Observes @WithAnnotations(CaptchaProtected.class) ProcessAnnotatedType<?> event) {
        AnnotatedType<?> type = event.getAnnotatedType();
        String name = type.getJavaClass().getName();
        CaptchaProtected onType = type.getAnnotation(CaptchaProtected.class);
        if (onType != null) {
            bindings.put(name, onType);
        }
        for (AnnotatedMethod<?> method : type.getMethods()) {
            CaptchaProtected onMethod = method.getAnnotation(CaptchaProtected.class);
            if (onMethod != null) {
                bindings.put(name + "." + method.getJavaMember().getName() + Arrays.stream(
                        method.getJavaMember().getParameterTypes()).map(Class::getSimpleName)
                        .collect(Collectors.joining(", ", "(", ")")), onMethod);
            }
        }
    }

    /**
     * Adds the login's decorator when {@code trustcaptcha.login.enabled} is true. Bean discovery never loads it
     * ({@code beans.xml} excludes its package): an enabled decorator of {@code HttpAuthenticationMechanism} makes
     * Soteria install Jakarta Security's authentication module, which fails every request of an application that
     * has no mechanism. Enabled on a server without Jakarta Security, the deployment fails.
     */
    void addLoginCaptcha(@Observes BeforeBeanDiscovery event) {
        boolean enabled;
        try {
            enabled = Configuration.of(ConfigProvider.getConfig()).get(Keys.LOGIN_ENABLED);
        } catch (RuntimeException unreadable) {
            return; // reported with every other problem of the configuration
        }
        if (!enabled) {
            return;
        }
        try {
            Class.forName(SECURITY_API, false, TrustCaptchaExtension.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError absent) {
            loginProblem = Keys.LOGIN_ENABLED + " is true, but this server has no Jakarta Security ("
                    + SECURITY_API + "): enable it (Open Liberty: the appSecurity feature), or protect the login with "
                    + "the filter";
            return;
        }
        event.addAnnotatedType(LoginCaptcha.class, TrustCaptchaExtension.class.getName() + "/login");
        loginAdded = true;
        LOG.info("TrustCaptcha: the login of Jakarta Security is protected (" + Keys.LOGIN_ENABLED + ")");
    }

    /**
     * Notes whether the application has an authentication mechanism (a bean of the type, the built-in ones that
     * Jakarta Security adds included), where the login's decorator was added: without one, the decorator alone
     * would make Soteria install its authentication module for an application with nothing to authenticate with.
     * Types are compared by name: the Jakarta Security API may be absent.
     */
    void mechanism(@Observes ProcessBean<?> event) {
        if (loginAdded && !(event.getBean() instanceof jakarta.enterprise.inject.spi.Decorator)
                && event.getBean().getTypes().stream().anyMatch(type -> type.getTypeName().equals(SECURITY_API))) {
            mechanismFound = true;
        }
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
        Config config = ConfigProvider.getConfig();
        Configuration configuration = Configuration.of(config);
        Set<String> problems = new LinkedHashSet<>(configuration.problems());
        new TreeMap<>(bindings).forEach((where, binding) -> {
            if (!binding.policy().isEmpty()) {
                Optional<Configuration.FilterConfiguration> policy = configuration.policy(binding.policy(), config);
                if (policy.isEmpty()) {
                    problems.add(ConfigMessages.unknownPolicy(binding.policy(), where));
                } else {
                    problems.addAll(policy.get().problems());
                }
            }
            double maxScore = binding.maxScore();
            if (!Double.isNaN(maxScore) && !(maxScore >= 0 && maxScore <= 1)) {
                problems.add(ConfigMessages.invalidMaxScore(maxScore, where));
            }
        });
        if (loginProblem != null) {
            problems.add(loginProblem);
        } else if (loginAdded && !mechanismFound) {
            problems.add(Keys.LOGIN_ENABLED + " is true, but the application has no HttpAuthenticationMechanism "
                    + "(Jakarta Security's @FormAuthenticationMechanismDefinition, "
                    + "@CustomFormAuthenticationMechanismDefinition, or its own): remove the key, or add the mechanism");
        }
        if (!problems.isEmpty()) {
            String message = ConfigMessages.deploymentFailed(List.copyOf(problems));
            LOG.severe(message);
            event.addDeploymentProblem(new DeploymentException(message));
        }
    }
}
