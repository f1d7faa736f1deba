package dev.captchagate.trustcaptcha.internal.ops;

import dev.captchagate.trustcaptcha.internal.client.ResultClient;
import dev.captchagate.trustcaptcha.internal.config.Configuration;
import dev.captchagate.trustcaptcha.internal.config.Keys;
import dev.captchagate.trustcaptcha.internal.replay.ReplayStores;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The operators' view of the library, created when the application starts: chooses where metrics go (MicroProfile
 * Metrics, else MicroProfile Telemetry, else nowhere, as {@code trustcaptcha.metrics} allows), registers them, and
 * answers the health checks.
 */
@ApplicationScoped
public class Operations {

    private static final Logger LOG = Logger.getLogger(Operations.class.getName());

    @Inject
    ResultClient client;

    @Inject
    ReplayStores replayStores;

    private boolean downWhenUnreachable;
    private Registered metrics = Registered.NONE;

    /** For CDI. */
    protected Operations() {
    }

    @PostConstruct
    void start() {
        Configuration configuration = Configuration.of(ConfigProvider.getConfig()).requireValid();
        downWhenUnreachable = configuration.get(Keys.HEALTH_DOWN_WHEN_UNREACHABLE);
        metrics = MetricsChoice.choose(configuration.get(Keys.METRICS), Operations.class.getClassLoader(),
                new Gauges(client::state, replayStores::evictions));
        client.metrics().to(metrics);
        LOG.info("TrustCaptcha metrics: " + metrics);
    }

    /** Registers the metrics when the application starts, before any request. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Nothing to do: being notified is what creates this bean.
    }

    @PreDestroy
    void stop() {
        client.metrics().to(dev.captchagate.trustcaptcha.internal.metrics.Metrics.NONE);
        metrics.close();
    }

    /**
     * The application's instance, for the health checks: they are beans the library's extension adds, which some
     * servers (Payara) put in a bean archive of their own that cannot see this one for injection; a lookup from
     * here can.
     *
     * @return the instance
     */
    static Operations current() {
        return CDI.current().select(Operations.class).get();
    }

    /**
     * What the readiness check answers.
     *
     * @return the report
     */
    public HealthReport readiness() {
        return Readiness.readiness(client.state(), replayStores.kind(), downWhenUnreachable);
    }

    /**
     * What the start-up check answers.
     *
     * @return the report
     */
    public HealthReport startup() {
        Configuration configuration = Configuration.of(ConfigProvider.getConfig());
        return Readiness.startup(configuration.problems(), configuration.isSet(Keys.API_KEY));
    }
}
