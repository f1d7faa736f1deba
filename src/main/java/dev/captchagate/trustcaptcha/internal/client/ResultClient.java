package dev.captchagate.trustcaptcha.internal.client;

import dev.captchagate.trustcaptcha.Outcome;
import dev.captchagate.trustcaptcha.Verification;
import dev.captchagate.trustcaptcha.internal.api.TrustCaptchaApi;
import dev.captchagate.trustcaptcha.internal.config.ClientSettings;
import dev.captchagate.trustcaptcha.internal.config.Configuration;
import dev.captchagate.trustcaptcha.internal.config.Keys;
import dev.captchagate.trustcaptcha.internal.metrics.Metrics;
import dev.captchagate.trustcaptcha.internal.metrics.MetricsRelay;
import dev.captchagate.trustcaptcha.internal.token.VerificationToken;
import dev.captchagate.trustcaptcha.internal.util.ContainerThreads;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Fetches verification results: one application-scoped instance around the REST client, with a pool of worker
 * threads so that every call has an overall deadline (connect timeout plus read timeout). When the deadline passes,
 * the caller gets {@link Outcome#UNAVAILABLE} at once and the worker is told to stop reading. The calls in flight are
 * bounded by an adaptive limit ({@link ConcurrencyLimit}), up to {@code trustcaptcha.resilience.max-concurrent} or a
 * bound that follows the server's request threads; a call beyond the limit is refused at once rather than queued
 * ({@link Outcome#OVERLOADED}: our own saturation, never an outage). A circuit breaker
 * ({@code trustcaptcha.resilience.breaker-delay}) stops asking TrustCaptcha for a while when an outage is confirmed
 * ({@link Outcome#CIRCUIT_OPEN}). Nothing is ever retried.
 *
 * <p>Created at application start, with its REST client (so configuration and client problems, such as a broken
 * trust store, show at deployment, and the first verification pays for nothing); the pool is shut down and the
 * REST client closed when the application stops.
 */
@ApplicationScoped
public class ResultClient {

    private static final Logger LOG = Logger.getLogger(ResultClient.class.getName());

    /** The JDK property that caps the idle connections {@code HttpURLConnection} keeps per host. */
    static final String IDLE_CONNECTIONS_PROPERTY = "http.maxConnections";

    /** Its value when unset (or not a positive number). */
    static final int JDK_IDLE_CONNECTIONS = 5;

    @Inject
    @RestClient
    TrustCaptchaApi api;

    /** The application's servlet context (a built-in bean in a web application), to know the server. */
    @Inject
    Instance<ServletContext> servletContext;

    /** How often, at most, the limit is logged while it changes. */
    static final long LIMIT_LOG_NANOS = TimeUnit.MINUTES.toNanos(1);

    private ClientSettings settings;
    private ApiCall call;
    private ThreadPoolExecutor workers;
    private ConcurrencyLimit limit;
    private CircuitBreaker breaker;
    private LongSupplier clock = System::nanoTime;
    /** Whether the upper bound is the server's default and the server was not known when the client started. */
    private final AtomicBoolean serverUnknown = new AtomicBoolean();
    private final AtomicLong nextLimitLog = new AtomicLong();
    private volatile String lastLimitLogged = "";
    private final MetricsRelay metrics = new MetricsRelay();
    private Clock wallClock = Clock.systemUTC();
    private ApiKeyCheck keyCheck;
    /** Runs the API key check, one ask at a time; null in tests that give their own scheduler. */
    private ScheduledThreadPoolExecutor keyChecks;
    /** The application's context path, for the readiness check, once a servlet context was seen. */
    private volatile String application;
    /** The last call that failed on TrustCaptcha's side (or ours), for the readiness check; null when none has. */
    private volatile Failure lastFailure;

    /**
     * A call that failed.
     *
     * @param kind its outcome's label
     * @param at when it ended
     */
    private record Failure(String kind, Instant at) {
    }

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
    ResultClient(ClientSettings settings, ApiCall call, ThreadPoolExecutor workers, LongSupplier clock) {
        this(settings, call, workers, clock, Clock.systemUTC(), (task, delay) -> { }, false);
    }

    /**
     * A client around a given call, for tests of what it reports.
     *
     * @param settings the settings (for the deadline)
     * @param call the call
     * @param workers the pool that runs calls
     * @param clock nanoseconds
     * @param wallClock the time failures and the key's state are reported with
     * @param keyChecks runs the API key check
     * @param checkKey whether the key check is on
     */
    ResultClient(ClientSettings settings, ApiCall call, ThreadPoolExecutor workers, LongSupplier clock,
                 Clock wallClock, ApiKeyCheck.Scheduler keyChecks, boolean checkKey) {
        this.wallClock = wallClock;
        this.settings = settings;
        this.call = call;
        this.workers = workers;
        this.clock = clock;
        this.limit = new ConcurrencyLimit(settings.maxConcurrent(), clock);
        this.breaker = new CircuitBreaker(settings.breakerDelay(), probeTimeout(settings), clock, this::probe);
        this.breaker.onTransition(metrics::breakerEntered);
        this.nextLimitLog.set(clock.getAsLong() + LIMIT_LOG_NANOS);
        this.keyCheck = new ApiKeyCheck(settings.apiKey().toString(), this::askRandomId, keyChecks, wallClock,
                checkKey);
    }

    @PostConstruct
    void start() {
        Configuration configuration = Configuration.of(ConfigProvider.getConfig());
        RequestThreads threads = requestThreads();
        settings = ClientSettings.of(configuration, threads.defaultMaxConcurrent());
        call = new RestApiCall(api, settings.apiKey().bearerAuthorization());
        workers = Workers.pool(settings.maxConcurrent());
        limit = new ConcurrencyLimit(settings.maxConcurrent(), clock);
        breaker = new CircuitBreaker(settings.breakerDelay(), probeTimeout(settings), clock, this::probe);
        breaker.onTransition(metrics::breakerEntered);
        nextLimitLog.set(clock.getAsLong() + LIMIT_LOG_NANOS);
        keyChecks = new ScheduledThreadPoolExecutor(1, ContainerThreads.factory("trustcaptcha-key-check"));
        keyChecks.setRemoveOnCancelPolicy(true);
        keyChecks.setKeepAliveTime(10, TimeUnit.SECONDS); // no thread kept once the key is known
        keyChecks.allowCoreThreadTimeOut(true);
        keyCheck = new ApiKeyCheck(settings.apiKey().toString(), this::askRandomId,
                (task, delay) -> keyChecks.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS), wallClock,
                configuration.get(Keys.STARTUP_CHECK));
        LOG.info("TrustCaptcha client: " + settings);
        if (configuration.isSet(Keys.MAX_CONCURRENT)) {
            LOG.info("TrustCaptcha: " + limitLine() + "; the upper bound is trustcaptcha.resilience.max-concurrent");
        } else {
            serverUnknown.set(!threads.identified());
            LOG.info("TrustCaptcha: " + limitLine() + "; the upper bound is " + threads.explain());
        }
        if (settings.insecure()) {
            LOG.warning("TrustCaptcha API " + settings.apiLocation() + " is reached over plain HTTP: fine for a local "
                    + "sandbox, never for production (trustcaptcha/mp-rest/url)");
        }
        String restClient = restClientImplementation();
        if (restClient.contains(".jersey.")) {
            connectionReuseHint(System.getProperty(IDLE_CONNECTIONS_PROPERTY), settings.maxConcurrent())
                    .ifPresent(LOG::info);
        }
    }

    /**
     * The server's request threads, known by the application's servlet context, the CDI bean: WildFly and Open Liberty
     * have it when the client starts; Payara has none yet (Weld: "None is associated with WebappClassLoader"), and
     * gets the general default, which suits its 200 HTTP threads.
     */
    private RequestThreads requestThreads() {
        int cores = Runtime.getRuntime().availableProcessors();
        try {
            if (servletContext != null && servletContext.isResolvable()) {
                ServletContext context = servletContext.get();
                application = contextPath(context);
                return RequestThreads.of(context.getClass().getName(), context.getServerInfo(), cores);
            }
        } catch (RuntimeException noContext) {
            // no servlet context for this application yet: the general default
        }
        return RequestThreads.of(null, null, cores);
    }

    private String limitLine() {
        ConcurrencyLimit.Snapshot now = limit.snapshot();
        return "calls in flight limited adaptively, from " + now.limit() + ", between " + now.floor() + " and "
                + now.upper();
    }

    /**
     * Learns the server from a servlet context (the filter's, at its start) when the client could not at its own
     * start (Payara: no servlet context in CDI yet), and takes the server's default upper bound on calls in flight
     * (not when {@code trustcaptcha.resilience.max-concurrent} is set or the server is known already); and the
     * application's context path, which the readiness check reports.
     *
     * @param context a servlet context of the application
     */
    public void serverIs(ServletContext context) {
        application = contextPath(context);
        if (!serverUnknown.compareAndSet(true, false)) {
            return;
        }
        RequestThreads threads = RequestThreads.of(context.getClass().getName(), context.getServerInfo(),
                Runtime.getRuntime().availableProcessors());
        int upper = Math.max(threads.defaultMaxConcurrent(), limit.floor());
        if (upper > workers.getMaximumPoolSize() - 1) {
            workers.setMaximumPoolSize(upper + 1);
        }
        limit.upper(upper);
        LOG.info("TrustCaptcha: " + limitLine() + "; the upper bound is " + threads.explain());
        if (restClientImplementation().contains(".jersey.")) {
            connectionReuseHint(System.getProperty(IDLE_CONNECTIONS_PROPERTY), upper).ifPresent(LOG::info);
        }
    }

    private static String contextPath(ServletContext context) {
        String path = context.getContextPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    /**
     * The class of the server's MicroProfile REST Client builder: Jersey's (Payara) calls through
     * {@code HttpURLConnection}, whose connection reuse {@code http.maxConnections} caps; RESTEasy's (WildFly, Open
     * Liberty) pools connections itself, where that property means nothing.
     */
    private static String restClientImplementation() {
        try {
            return RestClientBuilder.newBuilder().getClass().getName();
        } catch (RuntimeException | LinkageError none) {
            return "";
        }
    }

    /**
     * Tells how to keep connections to TrustCaptcha open when the JDK would close most of them. Jersey's default
     * connector (the one Payara's REST client uses) is {@code HttpURLConnection}, whose keep-alive cache keeps at
     * most {@code http.maxConnections} idle connections per host (5 when unset): with more verifications in flight,
     * each connection returned beyond that is closed and the next call opens a new one (measured: 149 to 186 new
     * connections per 1,000 verifications at 64 concurrent clients, under 3 with the property at 64). The property
     * is JVM-wide and read once, so the library cannot set it; it says so instead.
     *
     * @param property the value of {@code http.maxConnections}, or null
     * @param maxConcurrent the upper bound on calls in flight
     * @return the line to log, if the property is below that bound
     */
    static Optional<String> connectionReuseHint(String property, int maxConcurrent) {
        // Read as the JDK reads it (Integer.getInteger: Integer.decode, no trimming); unusable or not positive is 5.
        int idle = JDK_IDLE_CONNECTIONS;
        if (property != null) {
            try {
                idle = Math.max(Integer.decode(property), 0);
            } catch (NumberFormatException ignored) {
                idle = 0;
            }
            idle = idle > 0 ? idle : JDK_IDLE_CONNECTIONS;
        }
        if (idle >= maxConcurrent) {
            return Optional.empty();
        }
        return Optional.of("TrustCaptcha: the JDK keeps at most " + idle + " idle connections per host ("
                + IDLE_CONNECTIONS_PROPERTY + "), fewer than the " + maxConcurrent
                + " verifications that may run at once (trustcaptcha.resilience.max-concurrent); when the REST "
                + "client uses HttpURLConnection (Jersey's default, as on Payara), busy periods open new connections "
                + "to TrustCaptcha instead of reusing them. Start the server with -D" + IDLE_CONNECTIONS_PROPERTY
                + "=" + maxConcurrent + " to keep them open.");
    }

    /** Creates this bean when the application starts. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Being notified is what creates the bean; the key check asks on a thread of its own, never delaying this.
        startKeyCheck();
    }

    /** Asks TrustCaptcha about the API key, once, on the key check's own thread (unless switched off). */
    void startKeyCheck() {
        try {
            keyCheck.start();
        } catch (RuntimeException cannotSchedule) {
            LOG.warning("TrustCaptcha: the API key check could not start (" + cannotSchedule.getClass().getName()
                    + "); the first verification will tell");
        }
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
        if (keyChecks != null) {
            keyChecks.shutdownNow();
        }
    }

    /**
     * The key check's question: the result of a random verification id, which no real verification has, so none is
     * consumed. Bounded by the call's deadline; outside the concurrency limit and the breaker (one at a time).
     */
    private Verification askRandomId() {
        VerificationToken random = new VerificationToken(UUID.randomUUID(), false);
        return call.fetch(random, System.nanoTime() + settings.deadline().toNanos());
    }

    /**
     * Where the client, the verifier and the filter report what they do; hands on to the metrics chosen at start-up.
     *
     * @return the relay
     */
    public MetricsRelay metrics() {
        return metrics;
    }

    /**
     * What the client knows now, for the readiness check and the metrics.
     *
     * @return the state
     */
    public ClientState state() {
        ConcurrencyLimit.Snapshot now = limit.snapshot();
        Failure failure = lastFailure;
        ApiKeyCheck.Status key = keyCheck.status();
        return new ClientState(application, breaker.state(), breaker.refusesNow(),
                failure == null ? null : failure.kind(),
                failure == null ? null : failure.at(), now.inFlight(), now.limit(), now.upper(), now.refused(),
                key.state().label(), key.at());
    }

    /**
     * Asks TrustCaptcha for the result of a token, once, within the deadline.
     *
     * @param token the decoded token
     * @return the verification; never throws
     */
    public Verification fetch(VerificationToken token) {
        Reservation slot = reserve();
        return slot.refusal().orElseGet(() -> slot.fetch(token));
    }

    /**
     * Takes a slot for one call, or says at once why there is none: the circuit breaker is open
     * ({@link Outcome#CIRCUIT_OPEN}) or every slot is busy ({@link Outcome#OVERLOADED}). Lets
     * the verifier decide such refusals before it claims the token's id in the replay store.
     *
     * @return the reservation: {@link Reservation#fetch} or {@link Reservation#cancel} it exactly once
     */
    public Reservation reserve() {
        CircuitBreaker.Pass pass = breaker.allow();
        if (pass == null) {
            return new Reservation(null, null, Verification.failed(Outcome.CIRCUIT_OPEN,
                    "circuit open: TrustCaptcha is unreachable, next try in " + breaker.remaining().toMillis() + " ms"));
        }
        // The limit: a place per call in flight, held until the worker is done (also after the caller gave up at
        // the deadline, while the worker still waits on the network).
        logLimitNow();
        Optional<ConcurrencyLimit.Call> place = limit.tryAcquire();
        if (place.isEmpty()) {
            breaker.abandon(pass); // our own saturation says nothing about TrustCaptcha
            metrics.limitRefused();
            return new Reservation(null, null, Verification.failed(Outcome.OVERLOADED,
                    "all verification slots are busy (adaptive limit " + limit.snapshot().limit() + ")"));
        }
        return new Reservation(pass, place.get(), null);
    }

    /** Logs the limit at most once a minute, and only when it changed or refused calls since the last line. */
    private void logLimitNow() {
        long due = nextLimitLog.get();
        long now = clock.getAsLong();
        if (now - due < 0 || !nextLimitLog.compareAndSet(due, now + LIMIT_LOG_NANOS)) {
            return;
        }
        ConcurrencyLimit.Snapshot snapshot = limit.snapshot();
        String changed = snapshot.limit() + "/" + snapshot.refused();
        if (!changed.equals(lastLimitLogged)) {
            lastLimitLogged = changed;
            LOG.info("TrustCaptcha: concurrency limit " + snapshot);
        }
    }

    /**
     * Whether a call would be refused now without asking anyone: the circuit breaker is open, or the calls in flight
     * have reached the limit. Reserves nothing; lets the filter refuse such a request before it reads the body.
     *
     * @return the refusal ({@code CIRCUIT_OPEN} or {@code OVERLOADED}); empty when a call may go out now
     */
    public Optional<Verification> refusesNow() {
        logLimitNow();
        if (breaker.refusesNow()) {
            return Optional.of(Verification.failed(Outcome.CIRCUIT_OPEN,
                    "circuit open: TrustCaptcha is unreachable, next try in " + breaker.remaining().toMillis() + " ms"));
        }
        int full = limit.refuseIfFull();
        if (full >= 0) {
            metrics.limitRefused();
        }
        return full < 0 ? Optional.empty() : Optional.of(Verification.failed(Outcome.OVERLOADED,
                "all verification slots are busy (adaptive limit " + full + ")"));
    }

    /** A slot for one result call, or the reason there is none. */
    public final class Reservation {

        private final CircuitBreaker.Pass pass;
        private final ConcurrencyLimit.Call place;
        private final Verification refusal;
        private boolean used;

        private Reservation(CircuitBreaker.Pass pass, ConcurrencyLimit.Call place, Verification refusal) {
            this.pass = pass;
            this.place = place;
            this.refusal = refusal;
        }

        /**
         * Why there is no slot.
         *
         * @return the failed verification ({@code CIRCUIT_OPEN} or {@code OVERLOADED}), or empty when there is a slot
         */
        public Optional<Verification> refusal() {
            return Optional.ofNullable(refusal);
        }

        /**
         * Makes the call in this slot.
         *
         * @param token the decoded token
         * @return the verification; never throws
         */
        public Verification fetch(VerificationToken token) {
            take();
            return call(pass, place, token);
        }

        /** Gives the slot back without a call. */
        public void cancel() {
            take();
            limit.end(place, ConcurrencyLimit.End.IGNORED);
            breaker.abandon(pass);
        }

        /** Gives the slot back unless it was used or given back already; does nothing for a refusal. */
        public void close() {
            if (refusal == null && !used) {
                cancel();
            }
        }

        private void take() {
            if (refusal != null || used) {
                throw new IllegalStateException(refusal != null ? "no slot was reserved" : "the slot was used");
            }
            used = true;
        }
    }

    private Verification call(CircuitBreaker.Pass pass, ConcurrencyLimit.Call place, VerificationToken token) {
        long budget = settings.deadline().toNanos();
        long deadline = System.nanoTime() + budget;
        // Whoever takes the call first owns the place: the worker when it starts the call (it gives the place back
        // when done, with how the call ended), or the caller when it gives up before any worker started it (a
        // cancelled task never runs, so its own release would never happen).
        AtomicBoolean taken = new AtomicBoolean();
        Future<Verification> answer;
        try {
            answer = workers.submit(() -> {
                if (!taken.compareAndSet(false, true)) {
                    return null; // the caller gave up before this started, and has given the place back
                }
                ConcurrencyLimit.End end = ConcurrencyLimit.End.IGNORED;
                limit.calling(place); // the latency is TrustCaptcha's from here, not the replay store's or the pool's
                long started = System.nanoTime();
                String kind = Metrics.label(Outcome.INTERNAL_ERROR);
                try {
                    Verification fetched = call.fetch(token, deadline);
                    end = endOf(fetched);
                    kind = kindOf(fetched);
                    return fetched;
                } finally {
                    limit.end(place, end);
                    metrics.called(kind, System.nanoTime() - started);
                }
            });
        } catch (RuntimeException stopped) {
            // Refused by a pool that is shut down, or a managed thread factory that is stopped (it throws
            // IllegalStateException at undeploy): the place goes back and the request is refused, never a 500.
            limit.end(place, ConcurrencyLimit.End.IGNORED);
            breaker.abandon(pass);
            return Verification.failed(Outcome.INTERNAL_ERROR,
                    "the verification pool is stopped (" + stopped.getClass().getName() + ")");
        }
        Verification verification;
        try {
            verification = answer.get(budget, TimeUnit.NANOSECONDS);
        } catch (TimeoutException late) {
            answer.cancel(true);
            if (taken.compareAndSet(false, true)) {
                // No worker ever started the call: our own saturation, not TrustCaptcha's silence.
                limit.end(place, ConcurrencyLimit.End.IGNORED);
                breaker.abandon(pass);
                return Verification.failed(Outcome.OVERLOADED,
                        "no worker started the call within " + settings.deadline().toMillis() + " ms");
            }
            verification = Verification.failed(Outcome.UNAVAILABLE,
                    "no answer within " + settings.deadline().toMillis() + " ms");
        } catch (InterruptedException interrupted) {
            answer.cancel(true);
            if (taken.compareAndSet(false, true)) {
                limit.end(place, ConcurrencyLimit.End.IGNORED);
            }
            Thread.currentThread().interrupt();
            breaker.abandon(pass);
            return Verification.failed(Outcome.INTERNAL_ERROR, "interrupted while waiting for the answer");
        } catch (ExecutionException failed) {
            verification = Verification.failed(Outcome.INTERNAL_ERROR,
                    "client failure (" + failed.getCause().getClass().getName() + ")");
        }
        Outcome failure = verification.failure().orElse(null);
        keyCheck.told(verification);
        if (failure != null && CALL_FAILURES.contains(failure)) {
            lastFailure = new Failure(Metrics.label(failure), wallClock.instant());
        }
        if (failure == Outcome.INTERNAL_ERROR) {
            breaker.abandon(pass); // a fault on our side says nothing about TrustCaptcha
        } else {
            breaker.record(pass, failure == Outcome.UNAVAILABLE);
        }
        return verification;
    }

    /**
     * What a call's end tells the limit: an outage halves it; a result is a latency sample; anything else (a 4xx, a
     * refused key, a fault on our side) says nothing about the latency of results, and a client that sends unknown
     * verification ids, answered 404 at once, must not set the minimum that real results are measured against.
     */
    static ConcurrencyLimit.End endOf(Verification fetched) {
        Outcome failure = fetched.failure().orElse(null);
        if (failure == Outcome.UNAVAILABLE) {
            return ConcurrencyLimit.End.DROPPED;
        }
        return failure == null ? ConcurrencyLimit.End.ANSWERED : ConcurrencyLimit.End.IGNORED;
    }

    /** The ends of a call that are failures (of TrustCaptcha, the network or our side), not answers about a token. */
    private static final java.util.Set<Outcome> CALL_FAILURES = java.util.EnumSet.of(Outcome.UNAVAILABLE,
            Outcome.TLS_FAILURE, Outcome.UNEXPECTED_RESPONSE, Outcome.API_KEY_INVALID, Outcome.INTERNAL_ERROR);

    /**
     * A call's kind, as its duration is tagged: {@code result}, or the label of the outcome it found instead.
     *
     * @param fetched how the call ended
     * @return the kind
     */
    static String kindOf(Verification fetched) {
        return fetched.failure().map(Metrics::label).orElse("result");
    }

    /** A probe that has not reported by the call's deadline and a second more is inconclusive. */
    private static java.time.Duration probeTimeout(ClientSettings settings) {
        return settings.deadline().plusSeconds(1);
    }

    /**
     * Whether TrustCaptcha is known to be unreachable now: the circuit breaker is open.
     *
     * @return {@code true} while the breaker is open
     */
    public boolean unreachable() {
        return breaker.isOpen();
    }

    /**
     * Confirms an outage before the breaker opens: asks for the result of a random verification id, which a
     * healthy TrustCaptcha answers with 404 (any answer proves it reachable). Runs on the worker pool, outside the
     * concurrency limit (one probe at a time), bounded by the socket timeouts.
     */
    private void probe(java.util.function.Consumer<Boolean> finding) {
        VerificationToken random = new VerificationToken(UUID.randomUUID(), false);
        // No overall deadline of our own: only the socket's connect and read timeouts, which the kernel keeps,
        // decide that TrustCaptcha is unreachable, so a busy JVM (slow to schedule this thread) cannot confirm an
        // outage that is not there.
        long deadline = System.nanoTime() + TimeUnit.HOURS.toNanos(1);
        workers.execute(() -> {
            Verification probed;
            try {
                probed = call.fetch(random, deadline);
            } catch (RuntimeException failed) {
                probed = Verification.failed(Outcome.INTERNAL_ERROR, "probe failed");
            }
            finding.accept(probed.failure().orElse(null) == Outcome.UNAVAILABLE);
        });
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
