package dev.captchagate.trustcaptcha.bench;

import dev.captchagate.trustcaptcha.testing.FakeTrustCaptchaApi;
import dev.captchagate.trustcaptcha.testing.Results;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fake TrustCaptcha result API of the load benchmark ({@code bench/load/run}), as a program: 127.0.0.1 only,
 * HTTP/1.1 with keep-alive, one thread per connection, buffered, and no request log, so that it stays cheap and
 * flat under hundreds of thousands of requests ({@link FakeTrustCaptchaApi} records every request in a
 * copy-on-write list and reads the request head byte by byte, which is right for tests and wrong for a load).
 *
 * <p>Every {@code GET /v2/verifications/{id}/results} with the Bearer key {@link FakeTrustCaptchaApi#API_KEY}
 * is answered with a passing human result for that very id ({@link Results#human(UUID)}, score 0.1), after the
 * configured latency; in silence mode it is accepted and never answered (the connection is held until the client
 * gives up). It counts the connections it accepted and the results it answered, so that the benchmark can report
 * new connections per 1,000 verifications, and the result calls in flight (accepted, not yet answered or given up
 * by the client), so that it can show what a concurrency limit in front of it let through.
 *
 * <p>Control, on the same port: {@code GET /_bench/mode?latency=MS} answers normally after MS milliseconds,
 * {@code GET /_bench/mode?silence} hangs; {@code GET /_bench/stats} answers
 * {@code connections=N answered=N held=N open=N refused=N inflight=N peak=N call_ms=N}: the calls in flight now, the
 * most in flight at once since the last {@code GET /_bench/peak?reset} (which answers {@code peak=N} and starts the
 * next peak from the calls in flight then), and the calls in flight integrated over time since the start, in
 * call-milliseconds: over a window, its difference divided by the window's length is the mean number of calls in
 * flight, exactly, also where calls started before the window or are still in flight at its end.
 *
 * <p>Usage, after {@code mvn -Pbench package} (the bench profile compiles it into {@code target/bench-classes}):
 * {@code java -cp target/bench-classes:target/test-classes dev.captchagate.trustcaptcha.bench.BenchFakeApi PORT}
 * (0 for a free port); it prints {@code listening 127.0.0.1:PORT} and runs until it is killed.
 */
public final class BenchFakeApi {

    private static final String RESULTS_PREFIX = "/v2/verifications/";
    private static final String RESULTS_SUFFIX = "/results";
    private static final int MAX_HEAD = 16 * 1024;

    private final ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    /** Guards the four fields below, so that a reset, a reading and a call's start or end cannot interleave. */
    private final Object flight = new Object();
    private int inflight;
    private int peak;
    private long callNanos; // inflight integrated over time, up to sinceNanos
    private long sinceNanos = System.nanoTime();
    private volatile long latencyMillis;
    private volatile boolean silence;

    private BenchFakeApi(ServerSocket server) {
        this.server = server;
    }

    /**
     * Runs the fake until the process is killed.
     *
     * @param args the port (0 or nothing: a free one)
     * @throws IOException when the port cannot be bound
     */
    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        ServerSocket server = new ServerSocket(port, 1024, InetAddress.getLoopbackAddress());
        System.out.println("listening 127.0.0.1:" + server.getLocalPort());
        System.out.flush();
        new BenchFakeApi(server).acceptLoop();
    }

    private void acceptLoop() throws IOException {
        while (true) {
            Socket socket = server.accept();
            connections.incrementAndGet();
            Thread thread = new Thread(() -> serve(socket), "bench-fake-" + connections.get());
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void serve(Socket socket) {
        open.incrementAndGet();
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 4096);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 4096);
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                if (!answer(head, in, out)) {
                    return;
                }
            }
        } catch (IOException | InterruptedException gone) {
            // the client went away
        } finally {
            open.decrementAndGet();
        }
    }

    /** Answers one request; returns whether the connection stays open. */
    private boolean answer(String head, InputStream in, OutputStream out) throws IOException, InterruptedException {
        int lineEnd = head.indexOf("\r\n");
        String[] requestLine = (lineEnd < 0 ? head : head.substring(0, lineEnd)).split(" ");
        if (requestLine.length < 2) {
            return false;
        }
        String lower = head.toLowerCase(Locale.ROOT);
        long length = contentLength(lower);
        if (length > 0) {
            in.skipNBytes(length);
        }
        boolean close = lower.contains("\r\nconnection: close");
        String target = requestLine[1];
        if (target.startsWith("/_bench/")) {
            return control(target, out) && !close;
        }
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        if (!"GET".equals(requestLine[0]) || !path.startsWith(RESULTS_PREFIX) || !path.endsWith(RESULTS_SUFFIX)) {
            refused.incrementAndGet();
            write(out, 404, "text/plain", "not found");
            return !close;
        }
        if (!lower.contains("\r\nauthorization: bearer " + FakeTrustCaptchaApi.API_KEY.toLowerCase(Locale.ROOT))) {
            refused.incrementAndGet();
            write(out, 403, "text/plain", "key refused");
            return !close;
        }
        UUID id;
        try {
            id = UUID.fromString(path.substring(RESULTS_PREFIX.length(), path.length() - RESULTS_SUFFIX.length()));
        } catch (IllegalArgumentException notAnId) {
            refused.incrementAndGet();
            write(out, 404, "text/plain", "no such verification");
            return !close;
        }
        synchronized (flight) {
            advance();
            peak = Math.max(peak, ++inflight);
        }
        try {
            if (silence) {
                held.incrementAndGet();
                while (in.read() >= 0) {
                    // accepted, never answered: wait until the client gives up
                }
                return false;
            }
            long latency = latencyMillis;
            if (latency > 0) {
                Thread.sleep(latency);
            }
            write(out, 200, "application/json", Results.human(id));
            answered.incrementAndGet();
            return !close;
        } finally {
            synchronized (flight) {
                advance();
                inflight--;
            }
        }
    }

    /** Adds the calls in flight since the last change to their integral; called holding the lock on flight. */
    private void advance() {
        long now = System.nanoTime();
        callNanos += inflight * (now - sinceNanos);
        sinceNanos = now;
    }

    private boolean control(String target, OutputStream out) throws IOException {
        if (target.startsWith("/_bench/mode?silence")) {
            silence = true;
            write(out, 200, "text/plain", "silence\n");
            return true;
        }
        if (target.startsWith("/_bench/mode?latency=")) {
            latencyMillis = Long.parseLong(target.substring("/_bench/mode?latency=".length()));
            silence = false;
            write(out, 200, "text/plain", "latency=" + latencyMillis + "\n");
            return true;
        }
        if (target.startsWith("/_bench/stats")) {
            int now;
            int most;
            long integral;
            synchronized (flight) {
                advance();
                now = inflight;
                most = peak;
                integral = callNanos;
            }
            write(out, 200, "text/plain", "connections=" + connections.get() + " answered=" + answered.get()
                    + " held=" + held.get() + " open=" + open.get() + " refused=" + refused.get() + " inflight="
                    + now + " peak=" + most + " call_ms=" + integral / 1_000_000 + "\n");
            return true;
        }
        if (target.startsWith("/_bench/peak")) {
            int was;
            synchronized (flight) {
                was = peak;
                if (target.startsWith("/_bench/peak?reset")) {
                    peak = inflight; // the next peak starts from the calls in flight now
                }
            }
            write(out, 200, "text/plain", "peak=" + was + "\n");
            return true;
        }
        write(out, 404, "text/plain", "unknown control\n");
        return true;
    }

    private static void write(OutputStream out, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + (status == 200 ? " OK" : " Error") + "\r\nContent-Type: " + type
                + "\r\nContent-Length: " + bytes.length + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
    }

    private static long contentLength(String lowerHead) {
        int at = lowerHead.indexOf("\r\ncontent-length:");
        if (at < 0) {
            return 0;
        }
        int start = at + "\r\ncontent-length:".length();
        int end = lowerHead.indexOf("\r\n", start);
        return Long.parseLong(lowerHead.substring(start, end < 0 ? lowerHead.length() : end).strip());
    }

    /** The request head up to the empty line (without it), or null at the end of the stream. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder(512);
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.append((char) b);
            if (head.length() > MAX_HEAD) {
                throw new IOException("request head too large");
            }
            if (b == (matched % 2 == 0 ? '\r' : '\n')) {
                matched++;
            } else {
                matched = b == '\r' ? 1 : 0;
            }
        }
        head.setLength(head.length() - 2);
        return head.toString();
    }
}
