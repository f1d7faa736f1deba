package dev.captchagate.trustcaptcha.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The demo exactly as a person starts it, {@code ./demo}, but with {@code --no-build} (Maven built it already) on a
 * free port: the script's own Payara Micro command line, on 127.0.0.1. Its output goes to a log file in
 * {@code target}; {@link #stop()} ends the process by its PID.
 */
final class DemoProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;
    private final CountDownLatch ready = new CountDownLatch(1);

    private DemoProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The project's directory (where the {@code demo} script is). */
    static Path basedir() {
        return Path.of(System.getProperty("demo.basedir", "."));
    }

    /**
     * Runs {@code ./demo --no-build} with {@code DEMO_PORT} set to a free port and the real-service variables
     * removed, and waits until Payara Micro says it is ready.
     */
    static DemoProcess start(Map<String, String> environment, Duration timeout) {
        int port = freePort();
        Path log = Path.of(System.getProperty("it.build.dir", "target"), "demo-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", basedir().resolve("demo").toString(),
                "--no-build")).directory(basedir().toFile()).redirectErrorStream(true);
        builder.environment().remove("TRUSTCAPTCHA_API_KEY");
        builder.environment().remove("DEMO_SITE_KEY");
        builder.environment().putAll(environment);
        builder.environment().put("DEMO_PORT", Integer.toString(port));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the demo script", e);
        }
        DemoProcess demo = new DemoProcess(process, port, log);
        Thread pump = new Thread(demo::pump, "demo-output-" + port);
        pump.setDaemon(true);
        pump.start();
        demo.awaitReady(timeout);
        return demo;
    }

    /** The base URL, on 127.0.0.1. */
    String url() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** Everything the demo printed so far. */
    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** A GET on the demo, at most 30 s. */
    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url() + path)));
    }

    /** A request to the demo, at most 30 s. */
    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                    request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the demo with SIGTERM to its PID, as Ctrl-C would, and waits for it (forcibly after 30 s). */
    void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Whether the process has ended, waiting at most the given time. */
    boolean endsWithin(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void awaitReady(Duration timeout) {
        CompletableFuture<Object> readyOrExit = CompletableFuture.anyOf(
                CompletableFuture.runAsync(() -> {
                    try {
                        ready.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }),
                process.onExit());
        try {
            readyOrExit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            stop();
            throw new AssertionError("the demo was not ready within " + timeout + ":\n" + output());
        } catch (ExecutionException e) {
            stop();
            throw new AssertionError("waiting for the demo failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new AssertionError("interrupted", e);
        }
        if (ready.getCount() > 0) {
            throw new AssertionError("the demo ended (exit " + process.exitValue() + ") before it was ready:\n"
                    + output());
        }
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
             PrintStream out = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.println(line);
                if (line.contains("Payara Micro") && line.contains(" ready in ")) {
                    ready.countDown();
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
