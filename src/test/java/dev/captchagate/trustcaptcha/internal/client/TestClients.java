package dev.captchagate.trustcaptcha.internal.client;

import dev.captchagate.trustcaptcha.Verification;
import dev.captchagate.trustcaptcha.internal.config.ClientSettings;
import dev.captchagate.trustcaptcha.internal.token.VerificationToken;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;

/** Result clients around a fake call, for tests outside this package. */
public final class TestClients {

    private TestClients() {
    }

    /**
     * A client with the real bulkhead, breaker and deadline around a fake call.
     *
     * @param settings the settings
     * @param call answers each call: the token and the deadline in {@link System#nanoTime()} terms
     * @param workers the pool that runs calls
     * @param clock the breaker's clock
     * @return the client
     */
    public static ResultClient client(ClientSettings settings, BiFunction<VerificationToken, Long, Verification> call,
                                      ThreadPoolExecutor workers, LongSupplier clock) {
        return new ResultClient(settings, call::apply, workers, clock);
    }

    /**
     * The pool {@link ResultClient} uses in a server.
     *
     * @param size the most calls at once
     * @return the pool
     */
    public static ThreadPoolExecutor pool(int size) {
        return Workers.pool(size);
    }
}
