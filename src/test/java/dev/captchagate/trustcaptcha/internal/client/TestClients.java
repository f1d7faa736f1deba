package dev.captchagate.trustcaptcha.internal.client;

import dev.captchagate.trustcaptcha.Verification;
import dev.captchagate.trustcaptcha.internal.config.ClientSettings;
import dev.captchagate.trustcaptcha.internal.token.VerificationToken;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.BiConsumer;
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
     * A client with the real limit, breaker and deadline around a fake call, reporting with a given wall clock and
     * running its API key check on a given scheduler.
     *
     * @param settings the settings
     * @param call answers each call: the token and the deadline in {@link System#nanoTime()} terms
     * @param workers the pool that runs calls
     * @param clock the breaker's and the limit's clock
     * @param wallClock the clock failures and the key's state are reported with
     * @param keyChecks takes each ask of the key check and its delay
     * @param checkKey whether the key check is on
     * @return the client
     */
    public static ResultClient client(ClientSettings settings, BiFunction<VerificationToken, Long, Verification> call,
                                      ThreadPoolExecutor workers, LongSupplier clock, Clock wallClock,
                                      BiConsumer<Runnable, Duration> keyChecks, boolean checkKey) {
        return new ResultClient(settings, call::apply, workers, clock, wallClock, keyChecks::accept, checkKey);
    }

    /**
     * The server's pool, with a hook after each task (calls and probes), so that tests wait by condition.
     *
     * @param size the most calls at once
     * @param afterEach runs after each task
     * @return the pool
     */
    public static ThreadPoolExecutor pool(int size, Runnable afterEach) {
        return Workers.pool(size, Thread::new, afterEach);
    }

    /**
     * Starts a client's API key check, as the application's start does.
     *
     * @param client the client
     */
    public static void startKeyCheck(ResultClient client) {
        client.startKeyCheck();
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
