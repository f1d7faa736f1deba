package dev.captchagate.trustcaptcha.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.captchagate.trustcaptcha.Outcome;
import dev.captchagate.trustcaptcha.Verification;
import dev.captchagate.trustcaptcha.testing.CapturedLog;
import dev.captchagate.trustcaptcha.testing.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class ApiKeyCheckTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T08:00:00Z"), ZoneOffset.UTC);
    private static final String MASKED = "ak_*** (52 characters)";

    private final Deque<Verification> answers = new ArrayDeque<>();
    private final List<Duration> delays = new ArrayList<>();
    private final Deque<Runnable> scheduled = new ArrayDeque<>();
    private int asked;

    private ApiKeyCheck check(boolean enabled) {
        return new ApiKeyCheck(MASKED, () -> {
            asked++;
            return answers.removeFirst();
        }, (task, delay) -> {
            delays.add(delay);
            scheduled.add(task);
        }, CLOCK, enabled);
    }

    @Test
    void retriesWithBackOffWhileUnreachableUntilTrustCaptchaAnswers() {
        ApiKeyCheck check = check(true);
        for (int i = 0; i < 9; i++) {
            answers.add(Verification.failed(Outcome.UNAVAILABLE, "connection refused"));
        }
        answers.add(Verification.failed(Outcome.VERIFICATION_NOT_FOUND, "HTTP 404"));
        try (CapturedLog log = CapturedLog.of(Logger.getLogger(ApiKeyCheck.class.getName()))) {
            check.start();
            assertEquals("not-checked", check.status().state().label());
            while (!scheduled.isEmpty()) {
                scheduled.removeFirst().run();
                if (!scheduled.isEmpty()) {
                    assertEquals("unreachable", check.status().state().label());
                }
            }
            assertEquals(List.of(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                    Duration.ofSeconds(8), Duration.ofSeconds(16), Duration.ofSeconds(32), Duration.ofSeconds(60),
                    Duration.ofSeconds(60), Duration.ofSeconds(60)), delays, "doubling, at most a minute apart");
            assertEquals(10, asked);
            assertEquals("accepted", check.status().state().label());
            List<String> lines = log.records().stream().map(LogRecord::getMessage).toList();
            assertEquals(2, lines.size(), "one warning for the kind of trouble, one line for the answer: " + lines);
            assertTrue(lines.get(0).startsWith("TrustCaptcha: the API key could not be checked (unreachable: "
                    + "connection refused); asking again in 1000 ms"), lines.get(0));
            assertEquals("TrustCaptcha accepts the API key " + MASKED, lines.get(1));
        }
    }

    @Test
    void aRefusedKeyIsOneSevereLineWithTheMaskedKey() {
        ApiKeyCheck check = check(true);
        answers.add(Verification.failed(Outcome.API_KEY_INVALID, "HTTP 403"));
        try (CapturedLog log = CapturedLog.of(Logger.getLogger(ApiKeyCheck.class.getName()))) {
            check.start();
            scheduled.removeFirst().run();
            assertTrue(scheduled.isEmpty(), "an answer ends the check");
            assertEquals("refused", check.status().state().label());
            assertEquals(CLOCK.instant(), check.status().at());
            LogRecord line = log.records().get(0);
            assertEquals(Level.SEVERE, line.getLevel());
            assertEquals("TrustCaptcha refuses the API key " + MASKED + " (403): every verification fails until "
                    + "trustcaptcha.api-key holds a key of this site", line.getMessage());
        }
    }

    @Test
    void anAnswerThatSaysNeitherIsAskedAgainAndAnswersAboutAVerificationMeanAccepted() {
        ApiKeyCheck check = check(true);
        answers.add(Verification.failed(Outcome.UNEXPECTED_RESPONSE, "HTTP 500"));
        check.start();
        scheduled.removeFirst().run();
        assertEquals("unexpected-answer", check.status().state().label());
        assertEquals(List.of(Duration.ZERO, Duration.ofSeconds(1)), delays);
        for (Outcome aboutTheVerification : new Outcome[] {Outcome.VERIFICATION_NOT_FOUND,
                Outcome.VERIFICATION_EXPIRED, Outcome.VERIFICATION_NOT_FINISHED}) {
            ApiKeyCheck fresh = check(true);
            fresh.told(Verification.failed(aboutTheVerification, "x"));
            assertEquals("accepted", fresh.status().state().label(), aboutTheVerification.name());
        }
        check.told(Verification.failed(Outcome.RETRIEVAL_LIMIT_REACHED, "HTTP 429"));
        check.told(Verification.failed(Outcome.UNAVAILABLE, "read timed out"));
        assertEquals("unexpected-answer", check.status().state().label(),
                "a 429 (a gateway's?) or an outage says nothing");
        check.told(Verification.failed(Outcome.VERIFICATION_EXPIRED, "HTTP 410"));
        assertEquals("accepted", check.status().state().label());
        answers.add(Verification.failed(Outcome.UNAVAILABLE, "connection refused"));
        scheduled.removeFirst().run();
        assertEquals("accepted", check.status().state().label(),
                "an inconclusive ask never overrides what a call told");
        assertTrue(scheduled.isEmpty(), "and asks no more");
    }

    @Test
    void aRandomIdAnsweredWithAnythingButA404OrA403SaysNeither() {
        for (Outcome neither : new Outcome[] {Outcome.VERIFICATION_EXPIRED, Outcome.RETRIEVAL_LIMIT_REACHED,
                Outcome.VERIFICATION_NOT_FINISHED, Outcome.FAILOVER_REJECTED}) {
            scheduled.clear();
            ApiKeyCheck check = check(true);
            answers.add(Verification.failed(neither, "x"));
            check.start();
            scheduled.removeFirst().run();
            assertEquals("unexpected-answer", check.status().state().label(), neither.name());
            assertEquals(1, scheduled.size(), "asked again");
        }
    }

    @Test
    void aCallRefusedWith403IsCheckedAgainAtMostEvery30SecondsAndOnlyTheCheckSaysRefused() {
        ApiKeyCheck check = check(true);
        answers.add(Verification.failed(Outcome.VERIFICATION_NOT_FOUND, "HTTP 404"));
        check.start();
        scheduled.removeFirst().run();
        assertEquals("accepted", check.status().state().label());

        // A flood of requests whose verifications TrustCaptcha answers 403: one re-check, not a refused key.
        for (int i = 0; i < 100; i++) {
            check.told(Verification.failed(Outcome.API_KEY_INVALID, "HTTP 403"));
        }
        assertTrue(scheduled.isEmpty(), "the start-up check asked less than 30 s ago");
        assertEquals("accepted", check.status().state().label(), "a call's 403 alone never says refused");
        assertEquals(1, asked);
    }

    @Test
    void aKeyRevokedLaterIsFoundByTheReCheckThatA403AsksFor() {
        TestClock clock = new TestClock(CLOCK.instant());
        ApiKeyCheck check = new ApiKeyCheck(MASKED, () -> {
            asked++;
            return answers.removeFirst();
        }, (task, delay) -> scheduled.add(task), clock, true);
        answers.add(Verification.failed(Outcome.VERIFICATION_NOT_FOUND, "HTTP 404"));
        check.start();
        scheduled.removeFirst().run();
        clock.advance(Duration.ofSeconds(31));
        try (CapturedLog log = CapturedLog.of(Logger.getLogger(ApiKeyCheck.class.getName()))) {
            for (int i = 0; i < 100; i++) {
                check.told(Verification.failed(Outcome.API_KEY_INVALID, "HTTP 403"));
            }
            assertEquals(1, scheduled.size(), "one re-check for a hundred 403s");
            answers.add(Verification.failed(Outcome.API_KEY_INVALID, "HTTP 403"));
            scheduled.removeFirst().run();
            assertEquals("refused", check.status().state().label());
            assertEquals(1, log.records().stream().filter(line -> line.getLevel() == Level.SEVERE).count());
        }
        check.told(Verification.failed(Outcome.VERIFICATION_NOT_FOUND, "HTTP 404"));
        assertEquals("accepted", check.status().state().label(), "a key accepted again shows at the next answer");
        assertEquals(2, asked);
    }

    @Test
    void aStoppedSchedulerEndsTheCheckQuietly() {
        ApiKeyCheck check = new ApiKeyCheck(MASKED, () -> {
            asked++;
            return Verification.failed(Outcome.UNAVAILABLE, "x");
        }, (task, delay) -> {
            throw new java.util.concurrent.RejectedExecutionException("shut down");
        }, CLOCK, true);
        check.start();
        assertEquals(0, asked);
        assertEquals("not-checked", check.status().state().label());
    }

    @Test
    void switchedOffItNeverAsks() {
        ApiKeyCheck check = check(false);
        check.start();
        assertTrue(scheduled.isEmpty());
        assertEquals(0, asked);
        assertEquals("check-off", check.status().state().label());
    }
}
