package dev.captchagate.trustcaptcha.filter;

import dev.captchagate.trustcaptcha.Decision;
import dev.captchagate.trustcaptcha.Outcome;
import dev.captchagate.trustcaptcha.VerificationFailure;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One log line per refusal, with its code, method and path, never the token; at most {@link #LINES_PER_MINUTE}
 * lines a minute, so that a flood of bots cannot flood the log (the next line says how many were left out).
 * Refusals the client can fix are INFO, an unavailable TrustCaptcha is a WARNING, and our API key refused is
 * SEVERE: that one is the operator's to fix.
 */
final class RefusalLog {

    static final Logger LOG = Logger.getLogger("dev.captchagate.trustcaptcha.TrustCaptchaFilter");

    /** The most refusal lines logged in a minute. */
    static final int LINES_PER_MINUTE = 60;

    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    private final LongSupplier clock;
    private long windowStart;
    private int logged;
    private int suppressed;

    RefusalLog(LongSupplier clock) {
        this.clock = clock;
        this.windowStart = clock.getAsLong();
    }

    void refused(String method, String path, Decision decision) {
        Level level = level(decision);
        if (!LOG.isLoggable(level)) {
            return;
        }
        int left = permit();
        if (left < 0) {
            return;
        }
        StringBuilder line = new StringBuilder("TrustCaptcha refused ").append(LogText.safe(method)).append(' ')
                .append(LogText.safe(path)).append(": ").append(decision.code()).append(" (")
                .append(decision.detail()).append(')');
        if (decision.failure().orElse(null) == VerificationFailure.API_KEY_INVALID) {
            line.append(": TrustCaptcha does not accept the configured API key; check trustcaptcha.api-key");
        }
        if (left > 0) {
            line.append("; ").append(left).append(" more refusals in the last minute were not logged");
        }
        LOG.log(level, line.toString());
    }

    static Level level(Decision decision) {
        if (decision.failure().orElse(null) == VerificationFailure.API_KEY_INVALID) {
            return Level.SEVERE;
        }
        return decision.outcome() == Outcome.VERIFICATION_UNAVAILABLE ? Level.WARNING : Level.INFO;
    }

    /** Returns -1 when this line must be left out, else how many were left out before it. */
    private synchronized int permit() {
        long now = clock.getAsLong();
        if (now - windowStart >= MINUTE) {
            windowStart = now;
            logged = 0;
        }
        if (logged >= LINES_PER_MINUTE) {
            suppressed++;
            return -1;
        }
        logged++;
        int left = suppressed;
        suppressed = 0;
        return left;
    }
}
