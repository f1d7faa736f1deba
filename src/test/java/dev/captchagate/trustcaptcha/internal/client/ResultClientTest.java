package dev.captchagate.trustcaptcha.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.captchagate.trustcaptcha.Outcome;
import dev.captchagate.trustcaptcha.Verification;
import dev.captchagate.trustcaptcha.internal.config.ClientSettings;
import dev.captchagate.trustcaptcha.internal.config.Configuration;
import dev.captchagate.trustcaptcha.internal.token.VerificationToken;
import dev.captchagate.trustcaptcha.testing.MapConfig;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResultClientTest {

    private static final VerificationToken TOKEN = new VerificationToken(UUID.randomUUID(), false);

    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicLong now = new AtomicLong(7);
    private ThreadPoolExecutor workers;
    /** A permit for each task the workers finished: calls and probes, waited for by condition. */
    private final Semaphore finished = new Semaphore(0);

    @AfterEach
    void stop() {
        release.countDown();
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    @Test
    void saysHowToKeepConnectionsOpenWhenTheJdkWouldCloseThem() {
        String hint = ResultClient.connectionReuseHint(null, 64).orElseThrow();
        assertTrue(hint.contains("at most 5 idle connections per host (http.maxConnections)"), hint);
        assertTrue(hint.endsWith("Start the server with -Dhttp.maxConnections=64 to keep them open."), hint);
        assertTrue(ResultClient.connectionReuseHint("20", 64).orElseThrow().contains("at most 20 idle"));
        assertTrue(ResultClient.connectionReuseHint("0", 64).orElseThrow().contains("at most 5 idle"));
        assertTrue(ResultClient.connectionReuseHint("lots", 64).orElseThrow().contains("at most 5 idle"));
        assertEquals(Optional.empty(), ResultClient.connectionReuseHint("64", 64));
        assertEquals(Optional.empty(), ResultClient.connectionReuseHint("200", 64));
        assertEquals(Optional.empty(), ResultClient.connectionReuseHint("0x40", 64), "decoded like the JDK does");
        assertTrue(ResultClient.connectionReuseHint(" 64", 64).orElseThrow().contains("at most 5 idle"),
                "the JDK does not trim it");
        assertEquals(Optional.empty(), ResultClient.connectionReuseHint(null, 5));
    }

    @Test
    void passesTheCallsAnswerThrough() {
        Verification expected = Verification.failed(Outcome.VERIFICATION_EXPIRED, "HTTP 410");
        ResultClient client = client(100, 150, 2, (token, deadline) -> expected);
        assertSame(expected, client.fetch(TOKEN));
    }

    @Test
    void handsTheCallTheDeadlineOfConnectPlusReadTimeout() {
        AtomicLong deadline = new AtomicLong();
        ResultClient client = client(100, 150, 2, (token, d) -> {
            deadline.set(d);
            return Verification.failed(Outcome.VERIFICATION_NOT_FOUND, "HTTP 404");
        });
        long before = System.nanoTime();
        client.fetch(TOKEN);
        long after = System.nanoTime();
        // The deadline was set between before and after, at connect plus read timeout from then: exact bounds, whatever
        // the machine's load.
        long budget = TimeUnit.MILLISECONDS.toNanos(250);
        assertTrue(deadline.get() - before >= budget && deadline.get() - after <= budget,
                "deadline " + (deadline.get() - before) + " ns after the call started, " + (deadline.get() - after)
                        + " ns after it returned");
    }

    @Test
    void answersUnavailableAtTheDeadlineWhileTheCallHangs() {
        ResultClient client = client(100, 150, 2, (token, deadline) -> hang());
        long start = System.nanoTime();
        Verification late = client.fetch(TOKEN);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals(Outcome.UNAVAILABLE, late.failure().orElseThrow());
        assertEquals("no answer within 250 ms", late.detail());
        assertTrue(tookMillis >= 240 && tookMillis < 2000, "took " + tookMillis + " ms");
    }

    @Test
    void refusesAtOnceWhenEverySlotIsBusy() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        ResultClient client = client(10_000, 10_000, 1, (token, deadline) -> {
            started.countDown();
            return hang();
        });
        Thread first = new Thread(() -> client.fetch(TOKEN));
        first.start();
        assertTrue(started.await(5, TimeUnit.SECONDS));

        long start = System.nanoTime();
        Verification busy = client.fetch(TOKEN);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals(Outcome.OVERLOADED, busy.failure().orElseThrow(),
                "our own saturation is never reported as an outage");
        assertEquals("all verification slots are busy (adaptive limit 1)", busy.detail());
        assertTrue(tookMillis < 1000, "took " + tookMillis + " ms");
        release.countDown();
        first.join(5000);
    }

    @Test
    void tellsTheHangingCallToStopWhenTheCallerGivesUp() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        ResultClient client = client(50, 50, 1, (token, deadline) -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return Verification.failed(Outcome.UNAVAILABLE, "stopped");
        });
        client.fetch(TOKEN);
        assertTrue(interrupted.await(5, TimeUnit.SECONDS), "the worker was not interrupted");
    }

    @Test
    void stopsAskingOnceAProbeConfirmsTheOutageAndTriesAgainAfterTheDelay() throws Exception {
        AtomicLong calls = new AtomicLong();
        ResultClient client = client(100, 150, 2, (token, deadline) -> {
            calls.incrementAndGet();
            return Verification.failed(Outcome.UNAVAILABLE, "connection refused");
        });
        for (int i = 0; i < 10; i++) {
            Verification failed = client.fetch(TOKEN);
            assertEquals("connection refused", failed.detail());
            assertEquals(Outcome.UNAVAILABLE, failed.failure().orElseThrow(),
                    "one failed call is refused on its own, never let through");
        }
        assertTrue(finished.tryAcquire(11, 5, TimeUnit.SECONDS), "ten calls and the probe ended");
        assertEquals(11, calls.get(), "the tenth failure started a probe");
        assertTrue(client.unreachable(), "the probe confirmed the outage");
        Verification open = client.fetch(TOKEN);
        assertEquals(Outcome.CIRCUIT_OPEN, open.failure().orElseThrow());
        assertEquals("circuit open: TrustCaptcha is unreachable, next try in 5000 ms", open.detail());
        assertEquals(11, calls.get(), "nothing was asked while open");
        assertEquals(Outcome.CIRCUIT_OPEN, client.refusesNow().orElseThrow().failure().orElseThrow(),
                "the filter refuses before reading the body while the breaker is open");
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertEquals(Optional.empty(), client.refusesNow(),
                "once the delay is over, a filter that asks first lets the next request through to be the trial");
        client.fetch(TOKEN);
        assertEquals(12, calls.get(), "one trial after the delay");
    }

    @Test
    void failuresThatTrustCaptchaDidNotCauseNeverOpenTheBreaker() throws Exception {
        // A crafted flood: every real call times out (say, tokens whose ids make something slow), but TrustCaptcha
        // answers the probe's random id.
        ResultClient client = client(100, 150, 2, (token, deadline) -> token.equals(TOKEN)
                ? Verification.failed(Outcome.UNAVAILABLE, "read timed out")
                : Verification.failed(Outcome.VERIFICATION_NOT_FOUND, "HTTP 404"));
        for (int i = 0; i < 10; i++) {
            client.fetch(TOKEN);
        }
        assertTrue(finished.tryAcquire(11, 5, TimeUnit.SECONDS), "ten calls and the probe ended");
        assertFalse(client.unreachable(), "the probe reached TrustCaptcha");
        assertEquals(Outcome.UNAVAILABLE, client.fetch(TOKEN).failure().orElseThrow());
    }

    @Test
    void ourOwnFailuresAndTlsFailuresAreNeverCountedAsAnOutage() throws Exception {
        for (Outcome ours : new Outcome[] {Outcome.INTERNAL_ERROR,
                Outcome.TLS_FAILURE, Outcome.UNEXPECTED_RESPONSE,
                Outcome.API_KEY_INVALID}) {
            AtomicLong probes = new AtomicLong();
            // A probe, if one were started, would find TrustCaptcha unreachable and open the breaker.
            ResultClient client = client(100, 150, 2, (token, deadline) -> {
                if (!token.equals(TOKEN)) {
                    probes.incrementAndGet();
                    return Verification.failed(Outcome.UNAVAILABLE, "connection refused");
                }
                return Verification.failed(ours, "x");
            });
            for (int i = 0; i < 50; i++) {
                assertEquals(ours, client.fetch(TOKEN).failure().orElseThrow());
            }
            assertTrue(finished.tryAcquire(50, 5, TimeUnit.SECONDS));
            assertEquals(0, probes.get(), ours + " started a probe");
            assertFalse(client.unreachable(), ours.name());
            workers.shutdownNow();
        }
    }

    @Test
    void aStoppedThreadFactoryRefusesTheRequestAndKeepsNoPermit() {
        MapConfig config = MapConfig.of("trustcaptcha.api-key", "ak_test",
                "trustcaptcha.resilience.max-concurrent", "1");
        ClientSettings settings = ClientSettings.of(Configuration.read(config));
        // A managed thread factory that was stopped at undeploy throws IllegalStateException, not a rejection.
        workers = new ThreadPoolExecutor(0, 2, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            throw new IllegalStateException("the managed thread factory is stopped");
        });
        ResultClient client = new ResultClient(settings, (token, deadline) -> Verification.failed(Outcome.VERIFICATION_NOT_FOUND, "HTTP 404"), workers,
                now::get);
        for (int i = 0; i < 3; i++) {
            Verification stopped = client.fetch(TOKEN);
            assertEquals(Outcome.INTERNAL_ERROR, stopped.failure().orElseThrow());
            assertEquals("the verification pool is stopped (java.lang.IllegalStateException)", stopped.detail());
        }
        ResultClient.Reservation slot = client.reserve();
        assertTrue(slot.refusal().isEmpty(), "the one permit came back each time");
        slot.cancel();
    }

    @Test
    void aCallNoWorkerStartedBeforeTheDeadlineGivesItsSlotBackAndIsNoOutage() throws Exception {
        MapConfig config = MapConfig.of("trustcaptcha.api-key", "ak_test", "trustcaptcha/mp-rest/connectTimeout", "100",
                "trustcaptcha/mp-rest/readTimeout", "150", "trustcaptcha.resilience.max-concurrent", "1");
        ClientSettings settings = ClientSettings.of(Configuration.read(config));
        CountDownLatch threadsMayStart = new CountDownLatch(1);
        AtomicLong calls = new AtomicLong();
        // A busy machine: the worker thread starts only after the caller has given up.
        workers = Workers.pool(1, task -> new Thread(() -> {
            awaitQuietly(threadsMayStart);
            task.run();
        }), finished::release);
        ResultClient client = new ResultClient(settings, (token, deadline) -> {
            calls.incrementAndGet();
            return Verification.failed(Outcome.VERIFICATION_NOT_FOUND, "HTTP 404");
        }, workers, now::get);
        Verification late = client.fetch(TOKEN);
        assertEquals(Outcome.OVERLOADED, late.failure().orElseThrow(), "our saturation, not an outage");
        assertEquals("no worker started the call within 250 ms", late.detail());
        threadsMayStart.countDown();
        assertTrue(finished.tryAcquire(1, 5, TimeUnit.SECONDS), "the late worker ran");
        assertEquals(0, calls.get(), "the call the caller gave up on was never made");
        assertEquals("HTTP 404", client.fetch(TOKEN).detail(), "the slot came back");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aReservationRefusesAtOnceAndGivesItsSlotBackWhenCancelled() throws Exception {
        ResultClient client = client(100, 150, 1,
                (token, deadline) -> Verification.failed(Outcome.VERIFICATION_NOT_FOUND, "HTTP 404"));
        ResultClient.Reservation first = client.reserve();
        assertTrue(first.refusal().isEmpty());
        assertEquals(Outcome.OVERLOADED, client.reserve().refusal().orElseThrow().failure().orElseThrow());
        first.cancel();
        assertEquals("HTTP 404", client.fetch(TOKEN).detail());
    }

    private Verification hang() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Verification.failed(Outcome.UNAVAILABLE, "released");
    }

    private ResultClient client(long connectMillis, long readMillis, int slots, ApiCall call) {
        MapConfig config = MapConfig.of("trustcaptcha.api-key", "ak_test",
                "trustcaptcha/mp-rest/connectTimeout", Long.toString(connectMillis),
                "trustcaptcha/mp-rest/readTimeout", Long.toString(readMillis),
                "trustcaptcha.resilience.max-concurrent", Integer.toString(slots));
        ClientSettings settings = ClientSettings.of(Configuration.read(config));
        assertEquals(Duration.ofMillis(connectMillis + readMillis), settings.deadline());
        assertEquals(slots, settings.maxConcurrent());
        // The server's pool, with a hook that lets the tests wait for calls and probes by condition.
        workers = Workers.pool(slots, Thread::new, finished::release);
        return new ResultClient(settings, call, workers, now::get);
    }
}
