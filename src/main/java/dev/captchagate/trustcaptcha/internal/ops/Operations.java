package dev.captchagate.trustcaptcha.internal.ops;

import dev.captchagate.trustcaptcha.internal.client.ResultClient;
import dev.captchagate.trustcaptcha.internal.config.Configuration;
import dev.captchagate.trustcaptcha.internal.config.Keys;
import dev.captchagate.trustcaptcha.internal.metrics.Metrics;
import dev.captchagate.trustcaptcha.internal.metrics.MetricsRelay;
import dev.captchagate.trustcaptcha.internal.replay.ReplayStores;
import dev.captchagate.trustcaptcha.replay.ReplayStore;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
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

    @Inject
    BeanManager beans;

    /** The library's own lookup: servers show it beans (Open Liberty's registry) that CDI.current() may not. */
    @Inject
    Instance<Object> lookup;

    private boolean downWhenUnreachable;
    private HealthReport startup;
    private Supplier<String> replayStore;
    private Registered metrics = Registered.NONE;
    private MetricsRelay relay;

    /** For CDI. */
    protected Operations() {
    }

    @PostConstruct
    void start() {
        // The application's configuration, whatever thread creates this bean (a health probe may, on the server's
        // own thread, before the application's start does).
        Config config = ConfigProvider.getConfig(Operations.class.getClassLoader());
        Configuration read = Configuration.of(config);
        startup = HealthReports.startup(read.problems(), read.isSet(Keys.API_KEY));
        Configuration configuration = read.requireValid();
        downWhenUnreachable = configuration.get(Keys.HEALTH_DOWN_WHEN_UNREACHABLE);
        String custom = customReplayStore();
        replayStore = custom != null ? () -> custom : replayStores::kind;
        metrics = MetricsChoice.choose(configuration.get(Keys.METRICS), Operations.class.getClassLoader(),
                new Gauges(client::state, custom != null ? () -> -1 : replayStores::evictions), lookup);
        relay = client.metrics();
        relay.to(metrics);
        LOG.info("TrustCaptcha metrics: " + metrics + telemetryNote(config));
    }

    /**
     * The application's own replay store, when an enabled alternative replaces the library's: what the verifier
     * uses, and so what readiness must name (its evictions are its own business).
     *
     * @return {@code custom:} and its bean class, or null for the library's store
     */
    private String customReplayStore() {
        try {
            Bean<?> bean = beans.resolve(beans.getBeans(ReplayStore.class));
            return bean == null || bean.getBeanClass() == ReplayStores.class ? null
                    : "custom:" + bean.getBeanClass().getName();
        } catch (RuntimeException ambiguous) {
            return null; // the deployment fails on its own then
        }
    }

    /** MicroProfile Telemetry exports nothing until {@code otel.sdk.disabled=false}: the start-up line says so. */
    private String telemetryNote(Config config) {
        if (!metrics.exportedByTelemetry()) { // no instanceof: that would load the class where OpenTelemetry is absent
            return "";
        }
        boolean disabled = config.getOptionalValue("otel.sdk.disabled", String.class).map(String::strip)
                .map(value -> !value.equalsIgnoreCase("false")).orElse(true);
        return disabled
                ? "; nothing is exported while otel.sdk.disabled is not false (MicroProfile Telemetry's default)"
                : "; exported as the otel.* configuration says";
    }

    /** Registers the metrics when the application starts, before any request. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Nothing to do: being notified is what creates this bean.
    }

    @PreDestroy
    void stop() {
        try {
            metrics.close(); // first: nothing registered may keep the application's class loader alive
        } finally {
            if (relay != null) {
                relay.to(Metrics.NONE);
            }
        }
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
        return HealthReports.readiness(client.state(), replayStore.get(), downWhenUnreachable);
    }

    /**
     * What the start-up check answers.
     *
     * @return the report
     */
    public HealthReport startup() {
        return startup;
    }
}
