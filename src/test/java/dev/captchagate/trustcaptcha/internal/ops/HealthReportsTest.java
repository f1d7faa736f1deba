package dev.captchagate.trustcaptcha.internal.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.captchagate.trustcaptcha.Outcome;
import dev.captchagate.trustcaptcha.Verification;
import dev.captchagate.trustcaptcha.internal.client.ResultClient;
import dev.captchagate.trustcaptcha.internal.client.TestClients;
import dev.captchagate.trustcaptcha.internal.config.ClientSettings;
import dev.captchagate.trustcaptcha.internal.config.Configuration;
import dev.captchagate.trustcaptcha.internal.token.VerificationToken;
import dev.captchagate.trustcaptcha.testing.MapConfig;
import dev.captchagate.trustcaptcha.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the readiness and start-up checks report, from a real client (limit, breaker, key check) around a fake call,
 * on injected clocks: every figure and state, through an outage and a refused key.
 */
class HealthReportsTest {

    private static final VerificationToken TOKEN = new VerificationToken(UUID.randomUUID(), false);
    private static final Instant START = Instant.parse("2026-12-02T08:00:00Z");

    private final AtomicLong nanos = new AtomicLong(7);
    private final TestClock wall = new TestClock(START);
    private final Semaphore finished = new Semaphore(0);
    private final List<Runnable> keyChecks = new ArrayList<>();
    private final List<Duration> keyCheckDelays = new ArrayList<>();
    /** What the fake TrustCaptcha answers now, to calls and probes alike. */
    private final AtomicReference<Verification> answer = new AtomicReference<>(
            Verification.failed(Outcome.VERIFICATION_NOT_FOUND, "HTTP 404"));
    private ThreadPoolExecutor workers;

    @AfterEach
    void stop() {
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    @Test
    void reportsEveryFigureAndStateThroughAnOutageAndStaysUpUnlessAskedOtherwise() throws Exception {
        ResultClient client = client(true);
        assertEquals(data("closed", "none", null, 0, 2, 2, 0, "not-checked", null, false),
                HealthReports.readiness(client.state(), "memory", false).data());
        assertTrue(HealthReports.readiness(client.state(), "memory", false).up());

        TestClients.startKeyCheck(client);
        assertEquals(List.of(Duration.ZERO), keyCheckDelays, "the key check asks at once, on its own thread");
        wall.set(START.plusSeconds(1));
        keyChecks.remove(0).run(); // TrustCaptcha answers 404 for the random id: the key is accepted
        assertEquals(data("closed", "none", null, 0, 2, 2, 0, "accepted", "2026-12-02T08:00:01Z", false),
                HealthReports.readiness(client.state(), "memory", false).data());

        // An outage: ten calls find TrustCaptcha unreachable, a probe confirms, the breaker opens.
        answer.set(Verification.failed(Outcome.UNAVAILABLE, "connection refused"));
        wall.set(START.plusSeconds(30));
        for (int i = 0; i < 10; i++) {
            client.fetch(TOKEN);
        }
        assertTrue(finished.tryAcquire(11, 5, TimeUnit.SECONDS), "ten calls and the probe ended");
        HealthReport open = HealthReports.readiness(client.state(), "jcache:trustcaptcha-replay", false);
        assertTrue(open.up(), "UP during an outage by default: the application still answers");
        assertEquals(data("open", "unavailable", "2026-12-02T08:00:30Z", 0, 2, 2, 0, "accepted",
                "2026-12-02T08:00:01Z", false), withoutReplay(open.data()));
        assertEquals("jcache:trustcaptcha-replay", open.data().get("replay-store"));
        HealthReport down = HealthReports.readiness(client.state(), "memory", true);
        assertFalse(down.up(), "DOWN while the breaker is open, when asked to be");
        assertEquals(true, down.data().get("down-when-unreachable"));

        // The delay is over: still open (TrustCaptcha is not known to be back), but UP even when asked to be DOWN,
        // so that an instance out of rotation gets the request that becomes the trial.
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        assertEquals("open", client.state().breaker());
        assertTrue(HealthReports.readiness(client.state(), "memory", true).up());
        answer.set(Verification.failed(Outcome.VERIFICATION_NOT_FOUND, "HTTP 404"));
        client.fetch(TOKEN);
        assertEquals("closed", client.state().breaker(), "the trial was answered");
        assertTrue(HealthReports.readiness(client.state(), "memory", true).up());
        assertEquals("unavailable", client.state().lastFailure(), "the last failure stays until another one");
    }

    @Test
    void downWhenAskedOnlyWhileTheTrialIsInFlightOrTheDelayNotOver() throws Exception {
        ResultClient client = client(false);
        answer.set(Verification.failed(Outcome.UNAVAILABLE, "connection refused"));
        for (int i = 0; i < 10; i++) {
            client.fetch(TOKEN);
        }
        assertTrue(finished.tryAcquire(11, 5, TimeUnit.SECONDS), "ten calls and the probe ended");
        assertFalse(HealthReports.readiness(client.state(), "memory", true).up(), "open, the delay not over");
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        assertTrue(HealthReports.readiness(client.state(), "memory", true).up(), "the delay is over");
        ResultClient.Reservation trial = client.reserve(); // the trial takes its pass
        assertEquals("half-open", client.state().breaker());
        assertFalse(HealthReports.readiness(client.state(), "memory", true).up(), "the trial is in flight");
        trial.cancel(); // a trial that was never made is offered again
        assertEquals("open", client.state().breaker());
        assertTrue(HealthReports.readiness(client.state(), "memory", true).up());
    }

    @Test
    void aRefusedKeyIsDataAndNeverMakesTheCheckDown() throws Exception {
        ResultClient client = client(true);
        answer.set(Verification.failed(Outcome.API_KEY_INVALID, "HTTP 403"));
        TestClients.startKeyCheck(client);
        wall.set(START.plusSeconds(2));
        keyChecks.remove(0).run();
        assertEquals("refused", client.state().apiKey());
        assertEquals(Instant.parse("2026-12-02T08:00:02Z"), client.state().apiKeyAt());
        assertTrue(keyChecks.isEmpty(), "an answer ends the check");

        wall.set(START.plusSeconds(9));
        client.fetch(TOKEN); // a call refused 403 within 30 s of the check: no new question
        assertTrue(keyChecks.isEmpty());
        HealthReport report = HealthReports.readiness(client.state(), "memory", true);
        assertTrue(report.up(), "a third party's answer never makes a check DOWN");
        assertEquals("refused", report.data().get("api-key"));
        assertEquals("api-key-invalid", report.data().get("last-failure"));
        assertEquals("2026-12-02T08:00:09Z", report.data().get("last-failure-at"));

        answer.set(Verification.failed(Outcome.VERIFICATION_EXPIRED, "HTTP 410"));
        wall.set(START.plusSeconds(60));
        client.fetch(TOKEN);
        assertEquals("accepted", client.state().apiKey(), "an ordinary call tells the key was accepted again");
        assertEquals(Instant.parse("2026-12-02T08:01:00Z"), client.state().apiKeyAt());
    }

    @Test
    void theKeyCheckSwitchedOffNeverAsksAndCallsStillTell() {
        ResultClient client = client(false);
        TestClients.startKeyCheck(client);
        assertTrue(keyChecks.isEmpty(), "switched off: no question");
        assertEquals("check-off", client.state().apiKey());
        client.fetch(TOKEN);
        assertEquals("accepted", client.state().apiKey());
    }

    @Test
    void countsRefusalsAtTheLimit() throws Exception {
        ResultClient client = client(true);
        ResultClient.Reservation first = client.reserve();
        ResultClient.Reservation second = client.reserve();
        assertEquals(2, client.state().callsInFlight(), "reserved places count as in flight");
        assertEquals(Outcome.OVERLOADED, client.reserve().refusal().orElseThrow().failure().orElseThrow());
        assertEquals(Outcome.OVERLOADED, client.refusesNow().orElseThrow().failure().orElseThrow());
        HealthReport full = HealthReports.readiness(client.state(), "memory", false);
        assertEquals(2L, full.data().get("calls-in-flight"));
        assertEquals(2L, full.data().get("concurrency-refused"));
        first.cancel();
        second.cancel();
        assertEquals(0L, HealthReports.readiness(client.state(), "memory", false).data().get("calls-in-flight"));
    }

    @Test
    void theStartupCheckNeverShowsTheKeyNorTheProblemsText() {
        HealthReport good = HealthReports.startup(List.of(), true);
        assertTrue(good.up());
        assertEquals(Map.of("configuration", "valid", "configuration-problems", 0L, "api-key", "present"),
                good.data());
        HealthReport bad = HealthReports.startup(List.of("trustcaptcha.api-key: missing", "x: y"), false);
        assertFalse(bad.up());
        assertEquals(Map.of("configuration", "invalid", "configuration-problems", 2L, "api-key", "missing"),
                bad.data());
    }

    private ResultClient client(boolean checkKey) {
        MapConfig config = MapConfig.of("trustcaptcha.api-key", "ak_test",
                "trustcaptcha/mp-rest/connectTimeout", "100", "trustcaptcha/mp-rest/readTimeout", "150",
                "trustcaptcha.resilience.max-concurrent", "2");
        ClientSettings settings = ClientSettings.of(Configuration.read(config));
        workers = TestClients.pool(2, finished::release);
        return TestClients.client(settings, (token, deadline) -> answer.get(), workers, nanos::get, wall,
                (task, delay) -> {
                    keyChecks.add(task);
                    keyCheckDelays.add(delay);
                }, checkKey);
    }

    private static Map<String, Object> data(String breaker, String lastFailure, String lastFailureAt, long inFlight,
                                            long limit, long upper, long refused, String apiKey, String apiKeyAt,
                                            boolean downWhenUnreachable) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("breaker", breaker);
        data.put("last-failure", lastFailure);
        if (lastFailureAt != null) {
            data.put("last-failure-at", lastFailureAt);
        }
        data.put("calls-in-flight", inFlight);
        data.put("concurrency-limit", limit);
        data.put("concurrency-limit-upper", upper);
        data.put("concurrency-refused", refused);
        data.put("replay-store", "memory");
        data.put("api-key", apiKey);
        if (apiKeyAt != null) {
            data.put("api-key-at", apiKeyAt);
        }
        data.put("down-when-unreachable", downWhenUnreachable);
        return data;
    }

    private static Map<String, Object> withoutReplay(Map<String, Object> data) {
        Map<String, Object> copy = new LinkedHashMap<>(data);
        copy.put("replay-store", "memory");
        return copy;
    }
}
