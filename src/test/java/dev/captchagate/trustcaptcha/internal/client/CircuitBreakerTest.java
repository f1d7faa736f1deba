package dev.captchagate.trustcaptcha.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private final AtomicLong now = new AtomicLong(1_000);
    /** Probes started and not yet answered. */
    private final List<Consumer<Boolean>> probes = new ArrayList<>();
    private final CircuitBreaker breaker = new CircuitBreaker(Duration.ofSeconds(5), Duration.ofSeconds(9), now::get, probes::add);

    @Test
    void staysClosedWhileTrustCaptchaAnswers() {
        for (int i = 0; i < 100; i++) {
            breaker.record(pass(), false);
        }
        assertEquals(Duration.ZERO, breaker.remaining());
        assertTrue(probes.isEmpty());
    }

    @Test
    void needsTenKnownCallsBeforeItProbes() {
        for (int i = 0; i < CircuitBreaker.MIN_CALLS - 1; i++) {
            breaker.record(pass(), true);
        }
        assertTrue(probes.isEmpty(), "nine failures are not enough to judge");
        breaker.record(pass(), true);
        assertEquals(1, probes.size(), "ten failures out of ten call for a probe");
        assertNotNull(breaker.allow(), "calls go on while the probe runs");
        assertFalse(breaker.isOpen());
    }

    @Test
    void probesWhenHalfOfTheRecentCallsFailed() {
        for (int i = 0; i < CircuitBreaker.WINDOW; i++) {
            breaker.record(pass(), false);
        }
        // Each failure now replaces a success in the window of twenty.
        for (int failures = 1; failures < CircuitBreaker.WINDOW / 2; failures++) {
            breaker.record(pass(), true);
            assertTrue(probes.isEmpty(), failures + " of twenty failed is no outage");
        }
        breaker.record(pass(), true);
        assertEquals(1, probes.size(), "half of the last twenty failed");
    }

    @Test
    void opensOnlyWhenTheProbeConfirmsTheOutage() {
        open();
        assertNull(breaker.allow());
        assertTrue(breaker.isOpen());
        assertEquals(Duration.ofSeconds(5), breaker.remaining());
    }

    @Test
    void saysItsStateAndTellsEveryStateItEnters() {
        List<String> entered = new ArrayList<>();
        breaker.onTransition(entered::add);
        assertEquals("closed", breaker.state());
        failTen();
        assertEquals("confirming", breaker.state());
        probes.remove(0).accept(true);
        assertEquals("open", breaker.state());
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertEquals("open", breaker.state(), "the delay is over, but no trial has started");
        CircuitBreaker.Pass trial = breaker.allow();
        assertEquals("half-open", breaker.state(), "the trial is in flight");
        breaker.abandon(trial);
        assertEquals("open", breaker.state(), "a trial that was not made is offered again");
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        CircuitBreaker.Pass second = breaker.allow();
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertEquals("open", breaker.state(), "a trial that did not report in time is offered again");
        CircuitBreaker.Pass third = breaker.allow();
        breaker.record(third, false);
        assertEquals("closed", breaker.state());
        assertEquals(List.of("confirming", "open", "half-open", "half-open", "half-open", "closed"), entered,
                "re-offers are no transitions: no new outage, no trial decided");
        assertNotNull(second);
        assertTrue(CircuitBreaker.STATES.containsAll(entered));
    }

    @Test
    void refusesWithoutAskingOnlyUntilItsDelayIsOverSoThatTheNextRequestBecomesTheTrial() {
        assertFalse(breaker.refusesNow());
        open();
        assertTrue(breaker.refusesNow());
        now.addAndGet(Duration.ofSeconds(5).toNanos() - 1);
        assertTrue(breaker.refusesNow());
        now.addAndGet(1);
        assertTrue(breaker.isOpen(), "still open: TrustCaptcha is not known to be back");
        assertFalse(breaker.refusesNow(), "but a caller that asks first must now reach allow()");
        CircuitBreaker.Pass trial = breaker.allow();
        assertNotNull(trial);
        assertTrue(trial.trial());
        assertTrue(breaker.refusesNow(), "the others wait for the trial");
        breaker.record(trial, false);
        assertFalse(breaker.refusesNow());
        assertFalse(breaker.isOpen());
    }

    @Test
    void aProbeThatReachesTrustCaptchaKeepsItClosedAndStartsAFreshWindow() {
        failTen();
        probes.remove(0).accept(false);
        assertNotNull(breaker.allow());
        assertFalse(breaker.isOpen());
        for (int i = 0; i < CircuitBreaker.MIN_CALLS - 1; i++) {
            breaker.record(pass(), true);
        }
        assertTrue(probes.isEmpty(), "the failures before the probe are forgotten");
    }

    @Test
    void callsThatEndWhileTheProbeRunsDecideNothing() {
        CircuitBreaker.Pass before = pass();
        failTen();
        for (int i = 0; i < 50; i++) {
            breaker.record(before, false);
            breaker.record(pass(), true);
        }
        assertEquals(1, probes.size(), "one probe at a time");
        probes.remove(0).accept(true);
        assertTrue(breaker.isOpen());
    }

    @Test
    void aProbeThatDoesNotReportInTimeIsInconclusiveAndKeepsItClosed() {
        failTen();
        now.addAndGet(Duration.ofSeconds(9).toNanos() - 1);
        assertNotNull(breaker.allow(), "the probe still has time");
        now.addAndGet(1);
        assertNotNull(breaker.allow(), "a probe that did not report confirms nothing");
        assertFalse(breaker.isOpen());
        probes.remove(0).accept(true);
        assertFalse(breaker.isOpen(), "its late answer decides nothing");
        for (int i = 0; i < CircuitBreaker.MIN_CALLS; i++) {
            breaker.record(pass(), true);
        }
        assertEquals(1, probes.size(), "a fresh window may call for a new probe");
    }

    @Test
    void aTrialThatNeverReportsIsOfferedAgainAfterItsTimeout() {
        open();
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertTrue(breaker.allow().trial());
        assertNull(breaker.allow());
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        CircuitBreaker.Pass again = breaker.allow();
        assertTrue(again.trial(), "the breaker cannot stay half-open for good");
        breaker.record(again, false);
        assertFalse(breaker.isOpen());
    }

    @Test
    void aProbeThatCannotStartKeepsItClosed() {
        CircuitBreaker unprobed = new CircuitBreaker(Duration.ofSeconds(5), Duration.ofSeconds(9), now::get, finding -> {
            throw new IllegalStateException("pool stopped");
        });
        for (int i = 0; i < CircuitBreaker.WINDOW; i++) {
            unprobed.record(unprobed.allow(), true);
        }
        assertFalse(unprobed.isOpen());
        assertNotNull(unprobed.allow());
    }

    @Test
    void triesOneCallAfterTheDelayAndClosesWhenItSucceeds() {
        open();
        now.addAndGet(Duration.ofSeconds(5).toNanos() - 1);
        assertNull(breaker.allow());
        now.addAndGet(1);
        CircuitBreaker.Pass trial = breaker.allow();
        assertTrue(trial.trial(), "the trial");
        assertNull(breaker.allow(), "only one trial at a time");
        breaker.record(trial, false);
        assertFalse(breaker.isOpen());
        assertNotNull(breaker.allow());
        assertNotNull(breaker.allow());
    }

    @Test
    void opensAgainWhenTheTrialFails() {
        open();
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        breaker.record(breaker.allow(), true);
        assertNull(breaker.allow());
        assertEquals(Duration.ofSeconds(5), breaker.remaining());
    }

    @Test
    void onlyTheTrialDecidesAHalfOpenBreaker() {
        CircuitBreaker.Pass beforeItOpened = pass();
        open();
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        CircuitBreaker.Pass trial = breaker.allow();
        breaker.record(beforeItOpened, false);
        assertNull(breaker.allow(), "a call that started before the breaker opened does not close it");
        assertTrue(breaker.isOpen());
        breaker.record(trial, true);
        CircuitBreaker.Pass lateSuccess = beforeItOpened;
        breaker.record(lateSuccess, false);
        assertNull(breaker.allow(), "nor does it close it after the trial re-opened it");
        assertEquals(Duration.ofSeconds(5), breaker.remaining());
    }

    @Test
    void aTrialFromAnEarlierHalfOpenPeriodDecidesNothing() {
        open();
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        CircuitBreaker.Pass firstTrial = breaker.allow();
        breaker.abandon(firstTrial);
        CircuitBreaker.Pass secondTrial = breaker.allow();
        assertTrue(secondTrial.trial(), "the next caller gets the trial");
        breaker.record(firstTrial, false);
        assertTrue(breaker.isOpen(), "the abandoned trial's late answer decides nothing");
        breaker.record(secondTrial, false);
        assertFalse(breaker.isOpen());
    }

    @Test
    void aZeroDelaySwitchesItOff() {
        CircuitBreaker off = new CircuitBreaker(Duration.ZERO, Duration.ofSeconds(9), now::get, probes::add);
        for (int i = 0; i < 100; i++) {
            off.record(off.allow(), true);
        }
        assertNotNull(off.allow());
        assertTrue(probes.isEmpty());
    }

    private CircuitBreaker.Pass pass() {
        CircuitBreaker.Pass pass = breaker.allow();
        assertNotNull(pass);
        return pass;
    }

    private void failTen() {
        for (int i = 0; i < CircuitBreaker.MIN_CALLS; i++) {
            breaker.record(pass(), true);
        }
        assertEquals(1, probes.size());
    }

    private void open() {
        failTen();
        probes.remove(0).accept(true);
        assertNull(breaker.allow());
    }
}
