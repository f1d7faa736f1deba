package dev.captchagate.trustcaptcha.internal.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.captchagate.trustcaptcha.Decision;
import dev.captchagate.trustcaptcha.Outcome;
import dev.captchagate.trustcaptcha.Verification;
import dev.captchagate.trustcaptcha.testing.CapturedLog;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DecisionLogTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private CapturedLog log;
    private List<LogRecord> records;

    @BeforeEach
    void capture() {
        log = CapturedLog.of(DecisionLog.LOG);
        records = log.records();
    }

    @AfterEach
    void release() {
        log.close();
    }

    @Test
    void logsCodeMethodAndPathWithControlCharactersEscaped() {
        new DecisionLog(now::get).decided("POST", "/login\r\nFAKE LINE", missing());
        assertEquals(1, records.size());
        assertEquals(Level.INFO, records.get(0).getLevel());
        assertEquals("TrustCaptcha refused POST /login\\u000d\\u000aFAKE LINE: token-missing (no token)",
                records.get(0).getMessage());
    }

    @Test
    void logsAnUnavailableTrustCaptchaAsAWarningAndOurRefusedKeyAsSevere() {
        DecisionLog log = new DecisionLog(now::get);
        log.decided("POST", "/a", Decision.refused(Verification.failed(Outcome.UNAVAILABLE, "read timed out")));
        log.decided("POST", "/a", Decision.refused(Verification.failed(Outcome.API_KEY_INVALID, "HTTP 403")));
        assertEquals(Level.WARNING, records.get(0).getLevel());
        assertEquals(Level.SEVERE, records.get(1).getLevel());
        assertEquals("TrustCaptcha refused POST /a: verification-unavailable (HTTP 403): TrustCaptcha does not accept "
                + "the configured API key; check trustcaptcha.api-key", records.get(1).getMessage());
    }

    @Test
    void logsAtMostSixtyLinesAMinuteAndSaysHowManyWereLeftOut() {
        DecisionLog log = new DecisionLog(now::get);
        for (int i = 0; i < 100; i++) {
            log.decided("POST", "/a", missing());
        }
        assertEquals(DecisionLog.LINES_PER_MINUTE, records.size());
        now.addAndGet(TimeUnit.SECONDS.toNanos(61));
        log.decided("POST", "/a", missing());
        assertEquals(DecisionLog.LINES_PER_MINUTE + 1, records.size());
        assertTrue(records.get(records.size() - 1).getMessage()
                .endsWith("; 40 more lines in the last minute were not logged"));
    }

    @Test
    void logsMonitoredRefusalsAndUnverifiedAcceptances() {
        DecisionLog log = new DecisionLog(now::get);
        log.decided("POST", "/a", missing().unenforced());
        log.decided("POST", "/a", Decision.acceptedUnverified(
                Verification.failed(Outcome.CIRCUIT_OPEN, "circuit open")));
        log.decided("POST", "/a", Decision.accepted(
                dev.captchagate.trustcaptcha.internal.client.ResultJson.parse("{}".getBytes()).orElseThrow()));
        assertEquals(2, records.size());
        assertEquals("TrustCaptcha would refuse POST /a: token-missing (no token); monitor mode, let through",
                records.get(0).getMessage());
        assertEquals(Level.WARNING, records.get(1).getLevel());
        assertEquals("TrustCaptcha let POST /a through unverified: TrustCaptcha is unreachable (circuit open) "
                + "and policy.allow-when-unreachable is true", records.get(1).getMessage());
    }

    @Test
    void logsEveryRequestLetThroughUnverifiedWhateverTheFloodOfRefusals() {
        DecisionLog log = new DecisionLog(now::get);
        for (int i = 0; i < 100; i++) {
            log.decided("POST", "/a", missing());
        }
        for (int i = 0; i < 5; i++) {
            log.decided("POST", "/b", Decision.acceptedUnverified(
                    Verification.failed(Outcome.CIRCUIT_OPEN, "circuit open")));
        }
        assertEquals(5, records.stream().filter(r -> r.getMessage().startsWith("TrustCaptcha let POST /b through "
                + "unverified")).count(), "a flood of refusals hid a request let through");
    }

    @Test
    void capsLongPaths() {
        new DecisionLog(now::get).decided("POST", "/" + "a".repeat(1000), missing());
        assertTrue(records.get(0).getMessage().length() < 300);
    }

    private static Decision missing() {
        return Decision.refused(Outcome.TOKEN_MISSING, null, "no token");
    }
}
