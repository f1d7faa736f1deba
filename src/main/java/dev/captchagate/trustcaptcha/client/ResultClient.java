package dev.captchagate.trustcaptcha.client;

import dev.captchagate.trustcaptcha.Verification;
import dev.captchagate.trustcaptcha.VerificationFailure;
import dev.captchagate.trustcaptcha.VerificationToken;
import dev.captchagate.trustcaptcha.config.ClientSettings;
import dev.captchagate.trustcaptcha.config.ConfigMessages;
import dev.captchagate.trustcaptcha.config.ConfigReader;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Fetches verification results: one application-scoped instance around the REST client, with a bounded pool of
 * worker threads so that every call has an overall deadline (connect timeout plus read timeout). When the
 * deadline passes, the caller gets {@link VerificationFailure#UNAVAILABLE} at once and the worker is told to stop
 * reading. When every worker is busy, a call is refused at once rather than queued. Nothing is ever retried.
 *
 * <p>Created at application start, with its REST client (so configuration and client problems, such as a broken
 * trust store, show at deployment, and the first verification pays for nothing); the pool is shut down and the
 * REST client closed when the application stops.
 */
@ApplicationScoped
public class ResultClient {

    private static final Logger LOG = Logger.getLogger(ResultClient.class.getName());

    /** The most result calls at once; more are refused as unavailable. */
    static final int MAX_CONCURRENT = 64;

    @Inject
    @RestClient
    TrustCaptchaApi api;

    private ClientSettings settings;
    private ApiCall call;
    private ThreadPoolExecutor workers;

    /** For CDI. */
    protected ResultClient() {
    }

    /**
     * A client around a given call, for tests.
     *
     * @param settings the settings (for the deadline)
     * @param call the call
     * @param workers the pool that runs calls
     */
    ResultClient(ClientSettings settings, ApiCall call, ThreadPoolExecutor workers) {
        this.settings = settings;
        this.call = call;
        this.workers = workers;
    }

    @PostConstruct
    void start() {
        ConfigReader reader = ConfigReader.of(ConfigProvider.getConfig());
        settings = ClientSettings.read(reader)
                .orElseThrow(() -> new IllegalStateException(ConfigMessages.deploymentFailed(reader.problems())));
        call = new RestApiCall(api, settings.apiKey().bearerAuthorization());
        workers = Workers.pool(MAX_CONCURRENT);
        LOG.info("TrustCaptcha client: " + settings);
        if (settings.insecure()) {
            LOG.warning("TrustCaptcha API " + settings.apiLocation() + " is reached over plain HTTP: fine for a local "
                    + "sandbox, never for production (trustcaptcha/mp-rest/url)");
        }
    }

    /** Creates this bean when the application starts. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Nothing to do: being notified is what creates the bean.
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    /**
     * Asks TrustCaptcha for the result of a token, once, within the deadline.
     *
     * @param token the decoded token
     * @return the verification; never throws
     */
    public Verification fetch(VerificationToken token) {
        long budget = settings.deadline().toNanos();
        long deadline = System.nanoTime() + budget;
        Future<Verification> answer;
        try {
            answer = workers.submit(() -> call.fetch(token, deadline));
        } catch (RejectedExecutionException busy) {
            return Verification.failed(VerificationFailure.UNAVAILABLE,
                    "all " + workers.getMaximumPoolSize() + " verification slots are busy");
        }
        try {
            return answer.get(budget, TimeUnit.NANOSECONDS);
        } catch (TimeoutException late) {
            answer.cancel(true);
            return Verification.failed(VerificationFailure.UNAVAILABLE,
                    "no answer within " + settings.deadline().toMillis() + " ms");
        } catch (InterruptedException interrupted) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            return Verification.failed(VerificationFailure.UNAVAILABLE, "interrupted while waiting for the answer");
        } catch (ExecutionException failed) {
            return Verification.failed(VerificationFailure.UNAVAILABLE,
                    "client failure (" + failed.getCause() + ")");
        }
    }

    /**
     * The settings in use.
     *
     * @return the settings
     */
    public ClientSettings settings() {
        return settings;
    }
}
