package dev.captchagate.trustcaptcha.it;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Before and after every test class: waits until no Payara Micro started by this JVM is still running.
 *
 * <p>The Arquillian connector stops a class's Payara Micro with {@link Process#destroy()} and returns at once, so
 * the next class's Payara booted while the previous one was still shutting down (seen: the new one started while
 * the old one still listened on its HTTP port). Registered for every test class by JUnit's extension auto-detection
 * ({@code junit-platform.properties}), ahead of Arquillian: its {@code afterAll} runs after Arquillian has stopped
 * the server, its {@code beforeAll} before Arquillian starts the next one. It waits for the processes to exit, with
 * a deadline, and fails the class naming them when they outlive it.
 */
public final class OnePayaraAtATime implements BeforeAllCallback, AfterAllCallback {

    /** How long a stopped Payara Micro may take to exit (measured: under 4 s; much more means it hangs). */
    static final Duration DEADLINE = Duration.ofSeconds(60);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        awaitNoPayara();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        awaitNoPayara();
    }

    /** Waits until every Payara Micro process this JVM started (directly or not) has exited. */
    static void awaitNoPayara() throws InterruptedException, ExecutionException {
        long start = System.nanoTime();
        long deadline = start + DEADLINE.toNanos();
        for (ProcessHandle payara : payaras()) {
            try {
                payara.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                System.out.println("OnePayaraAtATime: Payara Micro (pid " + payara.pid() + ") exited "
                        + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms after the wait began");
            } catch (TimeoutException stillRunning) {
                throw new AssertionError("Payara Micro (pid " + payara.pid() + ") was stopped but is still running "
                        + DEADLINE.toSeconds() + " s later: " + payara.info().commandLine().orElse("?"));
            }
        }
    }

    private static List<ProcessHandle> payaras() {
        return ProcessHandle.current().descendants()
                .filter(process -> process.info().commandLine().map(line -> line.contains("payara-micro"))
                        .orElse(false))
                .toList();
    }
}
