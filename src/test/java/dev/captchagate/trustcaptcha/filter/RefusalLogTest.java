package dev.captchagate.trustcaptcha.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.captchagate.trustcaptcha.Decision;
import dev.captchagate.trustcaptcha.Outcome;
import dev.captchagate.trustcaptcha.Verification;
import dev.captchagate.trustcaptcha.VerificationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RefusalLogTest {

    private final List<LogRecord> records = new ArrayList<>();
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        RefusalLog.LOG.addHandler(handler);
    }

    @AfterEach
    void release() {
        RefusalLog.LOG.removeHandler(handler);
    }

    @Test
    void logsCodeMethodAndPathWithControlCharactersEscaped() {
        new RefusalLog(now::get).refused("POST", "/login\r\nFAKE LINE", missing());
        assertEquals(1, records.size());
        assertEquals(Level.INFO, records.get(0).getLevel());
        assertEquals("TrustCaptcha refused POST /login\\u000d\\u000aFAKE LINE: token-missing (no token)",
                records.get(0).getMessage());
    }

    @Test
    void logsAnUnavailableTrustCaptchaAsAWarningAndOurRefusedKeyAsSevere() {
        RefusalLog log = new RefusalLog(now::get);
        log.refused("POST", "/a", Decision.refused(Verification.failed(VerificationFailure.UNAVAILABLE, "read timed out")));
        log.refused("POST", "/a", Decision.refused(Verification.failed(VerificationFailure.API_KEY_INVALID, "HTTP 403")));
        assertEquals(Level.WARNING, records.get(0).getLevel());
        assertEquals(Level.SEVERE, records.get(1).getLevel());
        assertEquals("TrustCaptcha refused POST /a: verification-unavailable (HTTP 403): TrustCaptcha does not accept "
                + "the configured API key; check trustcaptcha.api-key", records.get(1).getMessage());
    }

    @Test
    void logsAtMostSixtyLinesAMinuteAndSaysHowManyWereLeftOut() {
        RefusalLog log = new RefusalLog(now::get);
        for (int i = 0; i < 100; i++) {
            log.refused("POST", "/a", missing());
        }
        assertEquals(RefusalLog.LINES_PER_MINUTE, records.size());
        now.addAndGet(TimeUnit.SECONDS.toNanos(61));
        log.refused("POST", "/a", missing());
        assertEquals(RefusalLog.LINES_PER_MINUTE + 1, records.size());
        assertTrue(records.get(records.size() - 1).getMessage()
                .endsWith("; 40 more refusals in the last minute were not logged"));
    }

    @Test
    void capsLongPaths() {
        new RefusalLog(now::get).refused("POST", "/" + "a".repeat(1000), missing());
        assertTrue(records.get(0).getMessage().length() < 300);
    }

    private static Decision missing() {
        return Decision.refused(Outcome.TOKEN_MISSING, null, "no token");
    }
}
