package dev.captchagate.trustcaptcha.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final CircuitBreaker breaker = new CircuitBreaker(Duration.ofSeconds(5), now::get);

    @Test
    void staysClosedWhileTrustCaptchaAnswers() {
        for (int i = 0; i < 100; i++) {
            assertTrue(breaker.allow());
            breaker.record(false);
        }
        assertEquals(Duration.ZERO, breaker.remaining());
    }

    @Test
    void needsTenKnownCallsBeforeItOpens() {
        for (int i = 0; i < CircuitBreaker.MIN_CALLS - 1; i++) {
            assertTrue(breaker.allow());
            breaker.record(true);
        }
        assertTrue(breaker.allow(), "nine failures are not enough to judge");
        breaker.record(true);
        assertFalse(breaker.allow(), "ten failures out of ten open it");
    }

    @Test
    void opensWhenHalfOfTheRecentCallsFailed() {
        for (int i = 0; i < CircuitBreaker.WINDOW; i++) {
            breaker.allow();
            breaker.record(false);
        }
        // Each failure now replaces a success in the window of twenty.
        for (int failures = 1; failures < CircuitBreaker.WINDOW / 2; failures++) {
            breaker.record(true);
            assertTrue(breaker.allow(), failures + " of twenty failed is no outage");
        }
        breaker.record(true);
        assertFalse(breaker.allow(), "half of the last twenty failed");
        assertEquals(Duration.ofSeconds(5), breaker.remaining());
    }

    @Test
    void triesOneCallAfterTheDelayAndClosesWhenItSucceeds() {
        open();
        now.addAndGet(Duration.ofSeconds(5).toNanos() - 1);
        assertFalse(breaker.allow());
        now.addAndGet(1);
        assertTrue(breaker.allow(), "the trial");
        assertFalse(breaker.allow(), "only one trial at a time");
        breaker.record(false);
        assertTrue(breaker.allow());
        assertTrue(breaker.allow());
    }

    @Test
    void opensAgainWhenTheTrialFails() {
        open();
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertTrue(breaker.allow());
        breaker.record(true);
        assertFalse(breaker.allow());
        assertEquals(Duration.ofSeconds(5), breaker.remaining());
    }

    @Test
    void aTrialThatWasNeverMadeIsOfferedAgain() {
        open();
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertTrue(breaker.allow());
        breaker.abandon();
        assertTrue(breaker.allow(), "the next caller gets the trial");
    }

    @Test
    void aZeroDelaySwitchesItOff() {
        CircuitBreaker off = new CircuitBreaker(Duration.ZERO, now::get);
        for (int i = 0; i < 100; i++) {
            off.record(true);
        }
        assertTrue(off.allow());
    }

    private void open() {
        for (int i = 0; i < CircuitBreaker.MIN_CALLS; i++) {
            breaker.allow();
            breaker.record(true);
        }
        assertFalse(breaker.allow());
    }
}
