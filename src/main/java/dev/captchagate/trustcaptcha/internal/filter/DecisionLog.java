package dev.captchagate.trustcaptcha.internal.filter;

import dev.captchagate.trustcaptcha.Decision;
import dev.captchagate.trustcaptcha.Outcome;
import dev.captchagate.trustcaptcha.internal.util.Printable;
import dev.captchagate.trustcaptcha.internal.util.RateLimit;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One log line per refusal (and per request let through unverified, or refused only in monitor mode), with its code,
 * method and path, never the token; at most {@link #LINES_PER_MINUTE} lines of refusals a minute, so that a flood of
 * bots cannot flood the log (the next line says how many were left out); every request let through unverified is
 * logged, whatever the flood (their number has a cap of its own). Refusals the client can fix are INFO; an
 * unavailable TrustCaptcha, and a request let through unverified because of it, are WARNINGs; our API key refused
 * is SEVERE, the operator's to fix.
 */
final class DecisionLog {

    static final Logger LOG = Logger.getLogger("dev.captchagate.trustcaptcha.TrustCaptchaFilter");

    /** The most lines logged in a minute. */
    static final int LINES_PER_MINUTE = 60;

    private final RateLimit limit;

    DecisionLog(LongSupplier clock) {
        this.limit = new RateLimit(LINES_PER_MINUTE, clock);
    }

    void decided(String method, String path, Decision decision) {
        if (decision.outcome() == Outcome.ACCEPTED) {
            return;
        }
        Level level = level(decision);
        if (!LOG.isLoggable(level)) {
            return;
        }
        // Each request let through unverified is logged: they are few by construction
        // (trustcaptcha.policy.max-unverified-per-minute), and a flood of refusals must not hide one.
        boolean unverified = decision.outcome() == Outcome.ACCEPTED_UNVERIFIED;
        int left = unverified ? 0 : limit.permit();
        if (left < 0) {
            return;
        }
        String request = Printable.of(method) + ' ' + Printable.of(path);
        StringBuilder line = new StringBuilder();
        if (decision.accepted()) {
            line.append("TrustCaptcha let ").append(request).append(" through unverified: TrustCaptcha is unreachable (")
                    .append(decision.detail()).append(") and policy.allow-when-unreachable is true");
        } else {
            line.append(decision.enforced() ? "TrustCaptcha refused " : "TrustCaptcha would refuse ").append(request)
                    .append(": ").append(decision.code()).append(" (").append(decision.detail()).append(')');
            if (decision.outcome() == Outcome.API_KEY_INVALID) {
                line.append(": TrustCaptcha does not accept the configured API key; check trustcaptcha.api-key");
            }
            if (!decision.enforced()) {
                line.append("; monitor mode, let through");
            }
        }
        if (left > 0) {
            line.append("; ").append(left).append(" more lines in the last minute were not logged");
        }
        LOG.log(level, line.toString());
    }

    static Level level(Decision decision) {
        Outcome outcome = decision.outcome();
        if (outcome == Outcome.API_KEY_INVALID) {
            return Level.SEVERE;
        }
        return outcome.status() == Outcome.Status.SERVICE_UNAVAILABLE || outcome == Outcome.ACCEPTED_UNVERIFIED
                ? Level.WARNING : Level.INFO;
    }
}
