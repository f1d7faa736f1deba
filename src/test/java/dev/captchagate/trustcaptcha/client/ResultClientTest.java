package dev.captchagate.trustcaptcha.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.captchagate.trustcaptcha.Verification;
import dev.captchagate.trustcaptcha.VerificationFailure;
import dev.captchagate.trustcaptcha.VerificationToken;
import dev.captchagate.trustcaptcha.config.ClientSettings;
import dev.captchagate.trustcaptcha.config.ConfigReader;
import dev.captchagate.trustcaptcha.testing.MapConfig;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
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
        Verification expected = Verification.failed(VerificationFailure.EXPIRED, "HTTP 410");
        ResultClient client = client(100, 150, 2, (token, deadline) -> expected);
        assertSame(expected, client.fetch(TOKEN));
    }

    @Test
    void handsTheCallTheDeadlineOfConnectPlusReadTimeout() {
        AtomicLong deadline = new AtomicLong();
        long before = System.nanoTime();
        client(100, 150, 2, (token, d) -> {
            deadline.set(d);
            return Verification.failed(VerificationFailure.NOT_FOUND, "HTTP 404");
        }).fetch(TOKEN);
        long budget = deadline.get() - before;
        assertTrue(budget >= TimeUnit.MILLISECONDS.toNanos(250) && budget < TimeUnit.MILLISECONDS.toNanos(400),
                "budget " + budget + " ns");
    }

    @Test
    void answersUnavailableAtTheDeadlineWhileTheCallHangs() {
        ResultClient client = client(100, 150, 2, (token, deadline) -> hang());
        long start = System.nanoTime();
        Verification late = client.fetch(TOKEN);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals(VerificationFailure.UNAVAILABLE, late.failure().orElseThrow());
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

        assertEquals(VerificationFailure.UNAVAILABLE, busy.failure().orElseThrow());
        assertEquals("all 1 verification slots are busy", busy.detail());
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
            return Verification.failed(VerificationFailure.UNAVAILABLE, "stopped");
        });
        client.fetch(TOKEN);
        assertTrue(interrupted.await(5, TimeUnit.SECONDS), "the worker was not interrupted");
    }

    @Test
    void stopsAskingWhileTrustCaptchaKeepsFailingAndTriesAgainAfterTheDelay() {
        AtomicLong calls = new AtomicLong();
        ResultClient client = client(100, 150, 2, (token, deadline) -> {
            calls.incrementAndGet();
            return Verification.failed(VerificationFailure.UNAVAILABLE, "connection refused");
        });
        for (int i = 0; i < 10; i++) {
            assertEquals("connection refused", client.fetch(TOKEN).detail());
        }
        Verification open = client.fetch(TOKEN);
        assertEquals(VerificationFailure.UNAVAILABLE, open.failure().orElseThrow());
        assertEquals("circuit open: TrustCaptcha kept failing, next try in 5000 ms", open.detail());
        assertEquals(10, calls.get(), "nothing was asked while open");
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        client.fetch(TOKEN);
        assertEquals(11, calls.get(), "one trial after the delay");
    }

    @Test
    void answersFromTrustCaptchaDoNotOpenTheBreaker() {
        ResultClient client = client(100, 150, 2,
                (token, deadline) -> Verification.failed(VerificationFailure.NOT_FOUND, "HTTP 404"));
        for (int i = 0; i < 50; i++) {
            assertEquals("HTTP 404", client.fetch(TOKEN).detail());
        }
    }

    private Verification hang() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Verification.failed(VerificationFailure.UNAVAILABLE, "released");
    }

    private ResultClient client(long connectMillis, long readMillis, int slots, ApiCall call) {
        MapConfig config = MapConfig.of("trustcaptcha.api-key", "ak_test",
                "trustcaptcha/mp-rest/connectTimeout", Long.toString(connectMillis),
                "trustcaptcha/mp-rest/readTimeout", Long.toString(readMillis),
                "trustcaptcha.resilience.max-concurrent", Integer.toString(slots));
        ClientSettings settings = ClientSettings.read(ConfigReader.of(config)).orElseThrow();
        assertEquals(Duration.ofMillis(connectMillis + readMillis), settings.deadline());
        assertEquals(slots, settings.maxConcurrent());
        workers = Workers.pool(slots);
        return new ResultClient(settings, call, workers, now::get);
    }
}
