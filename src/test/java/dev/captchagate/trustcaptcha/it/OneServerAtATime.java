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
 * Before and after every test class: waits until no test server started by this JVM is still running.
 *
 * <p>The Arquillian connector stops a class's Payara Micro with {@link Process#destroy()} and returns at once, so
 * the next class's Payara booted while the previous one was still shutting down (seen: the new one started while
 * the old one still listened on its HTTP port). Registered for every test class by JUnit's extension auto-detection
 * ({@code junit-platform.properties}), ahead of Arquillian: its {@code afterAll} runs after Arquillian has stopped
 * the server, its {@code beforeAll} before Arquillian starts the next one. It waits for the processes that
 * {@link TestServer#isServer(ProcessHandle)} recognises (the demo's too) to exit, with a deadline, and fails the
 * class naming them when they outlive it.
 */
public final class OneServerAtATime implements BeforeAllCallback, AfterAllCallback {

    /** How long a stopped server may take to exit (measured for Payara Micro: under 4 s; much more means it hangs). */
    static final Duration DEADLINE = Duration.ofSeconds(60);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        awaitNoServer();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        awaitNoServer();
    }

    /** Waits until every server process this JVM started (directly or not) has exited. */
    static void awaitNoServer() throws InterruptedException, ExecutionException {
        long start = System.nanoTime();
        long deadline = start + DEADLINE.toNanos();
        for (ProcessHandle server : servers()) {
            try {
                server.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                System.out.println("OneServerAtATime: " + TestServer.NAME + " (pid " + server.pid() + ") exited "
                        + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms after the wait began");
            } catch (TimeoutException stillRunning) {
                throw new AssertionError(TestServer.NAME + " (pid " + server.pid() + ") was stopped but is still "
                        + "running " + DEADLINE.toSeconds() + " s later: " + server.info().commandLine().orElse("?"));
            }
        }
    }

    private static List<ProcessHandle> servers() {
        return ProcessHandle.current().descendants().filter(TestServer::isServer).toList();
    }
}
