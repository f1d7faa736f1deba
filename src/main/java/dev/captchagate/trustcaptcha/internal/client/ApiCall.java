package dev.captchagate.trustcaptcha.internal.client;

import dev.captchagate.trustcaptcha.Verification;
import dev.captchagate.trustcaptcha.internal.token.VerificationToken;

/** One blocking result call, which maps every outcome to a {@link Verification} and never throws. */
@FunctionalInterface
interface ApiCall {

    /**
     * Fetches a result.
     *
     * @param token the decoded token
     * @param deadlineNanos the {@link System#nanoTime()} by which the answer must be complete
     * @return the verification
     */
    Verification fetch(VerificationToken token, long deadlineNanos);
}
