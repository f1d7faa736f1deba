package dev.captchagate.trustcaptcha.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An offline stand-in for TrustCaptcha, on 127.0.0.1, for tests and demos: the real widget solves real (cheap)
 * proofs of work against it, and the library fetches results from it. JDK only, no dependencies.
 *
 * <pre>{@code
 * try (TrustCaptchaSandbox sandbox = TrustCaptchaSandbox.start()) {
 *     // the application:  trustcaptcha/mp-rest/url = sandbox.url(), trustcaptcha.api-key = sandbox.apiKey()
 *     // the page's widget: api-url = sandbox.url(), sitekey = SandboxOutcome.HUMAN.siteKey()
 *     String token = sandbox.token(SandboxOutcome.BOT);   // or without a browser
 * }
 * }</pre>
 *
 * <p>The result API accepts {@link #API_KEY} and the vendor's test key {@link #VENDOR_TEST_API_KEY}; any other key
 * gets 403. It serves the vendor's test vectors ({@code 00000000-0000-0000-0000-00000000000n}: {@code 0} a result,
 * {@code 1} 404, {@code 2} 423, {@code 3} 410, {@code 4} 429) and, for the verifications it started itself, the
 * {@link SandboxOutcome} of the site key: each result is handed out once (a second fetch answers 429), expires
 * after {@link #RESULT_LIFETIME} (410), and a verification whose challenge was not solved answers 423. A
 * {@code clientFailover=true} fetch answers 412: the sandbox never has an outage. See {@link SandboxApi} for the
 * protocol.
 */
public final class TrustCaptchaSandbox implements AutoCloseable {

    /** The sandbox's own API key: {@code ak_sandbox_} and 41 zeros. */
    public static final String API_KEY = "ak_sandbox_" + "0".repeat(41);

    /** The key the vendor's own test suites use, {@code ak_} and 49 {@code x}: accepted too. */
    public static final String VENDOR_TEST_API_KEY = "ak_" + "x".repeat(49);

    /** Leading zero bits each proof-of-work task needs: about 256 hashes, well under a second in a browser. */
    public static final int DIFFICULTY = 8;

    /** Proof-of-work tasks per challenge. */
    public static final int TASKS = 3;

    /** How long a result can be fetched after the challenge was solved; the widget hears the same. */
    public static final Duration RESULT_LIFETIME = Duration.ofMinutes(15);

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final HttpServer server;
    private final ExecutorService executor;
    private final SandboxApi api;

    private TrustCaptchaSandbox(HttpServer server, ExecutorService executor, SandboxApi api) {
        this.server = server;
        this.executor = executor;
        this.api = api;
    }

    /**
     * Starts a sandbox on a free port of 127.0.0.1.
     *
     * @return the running sandbox
     */
    public static TrustCaptchaSandbox start() {
        return start(0);
    }

    /**
     * Starts a sandbox on a port of 127.0.0.1.
     *
     * @param port the port, or 0 for a free one
     * @return the running sandbox
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static TrustCaptchaSandbox start(int port) {
        int number = INSTANCES.incrementAndGet();
        ExecutorService executor = Executors.newFixedThreadPool(4, task -> {
            Thread thread = new Thread(task, "trustcaptcha-sandbox-" + number);
            thread.setDaemon(true);
            return thread;
        });
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}),
                    port), 64);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("cannot start the TrustCaptcha sandbox on 127.0.0.1:" + port, e);
        }
        SandboxApi api = new SandboxApi();
        server.createContext("/", exchange -> serve(api, exchange));
        server.setExecutor(executor);
        server.start();
        return new TrustCaptchaSandbox(server, executor, api);
    }

    /**
     * The base URL, for the library's {@code trustcaptcha/mp-rest/url} and the widget's {@code api-url}.
     *
     * @return e.g. {@code http://127.0.0.1:41234}
     */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /**
     * The port.
     *
     * @return the port on 127.0.0.1
     */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * The API key the result API accepts, for {@code trustcaptcha.api-key}.
     *
     * @return {@link #API_KEY}
     */
    public String apiKey() {
        return API_KEY;
    }

    /**
     * A verification token as the widget gets it after solving with the outcome's site key, without a browser.
     *
     * @param outcome what the result API answers for it
     * @return the token, Base64 of {@code {"verificationId":...,"expiresAt":...}}
     */
    public String token(SandboxOutcome outcome) {
        return api.token(outcome);
    }

    /**
     * The protocol this sandbox serves.
     *
     * @return its state and request handling
     */
    public SandboxApi api() {
        return api;
    }

    /** Stops the server at once and ends its threads. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void serve(SandboxApi api, HttpExchange exchange) throws IOException {
        try (exchange) {
            SandboxApi.Response response;
            byte[] body = readBody(exchange);
            if (body == null) {
                response = new SandboxApi.Response(413, Map.of("Content-Type", "text/plain; charset=utf-8"),
                        "request body too large".getBytes(StandardCharsets.UTF_8));
            } else {
                Map<String, String> headers = new LinkedHashMap<>();
                for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
                    if (!header.getValue().isEmpty()) {
                        headers.put(header.getKey(), header.getValue().get(0));
                    }
                }
                String query = exchange.getRequestURI().getRawQuery();
                response = api.handle(new SandboxApi.Request(exchange.getRequestMethod(),
                        exchange.getRequestURI().getRawPath(), query, headers, body,
                        exchange.getRemoteAddress().getAddress().getHostAddress()));
            }
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            byte[] out = response.body();
            boolean empty = out.length == 0 || response.status() == 204 || "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(response.status(), empty ? -1 : out.length);
            if (!empty) {
                try (OutputStream stream = exchange.getResponseBody()) {
                    stream.write(out);
                }
            }
        }
    }

    /** The request body, or null when it is larger than {@link SandboxApi#MAX_BODY_BYTES}. */
    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(SandboxApi.MAX_BODY_BYTES + 1);
            return body.length > SandboxApi.MAX_BODY_BYTES ? null : body;
        }
    }
}
