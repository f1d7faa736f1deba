package dev.captchagate.trustcaptcha.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake of the TrustCaptcha result API on 127.0.0.1, for tests: plain sockets and a small HTTP/1.1 server with
 * keep-alive, so that it can also misbehave exactly (stall, drip, close, redirect, send garbage).
 *
 * <p>Out of the box it behaves like the live API for the vendor's test vectors: it checks the Bearer key
 * ({@link #API_KEY}; anything else gets 403) and answers {@code ...0000} with a result, {@code ...0001} 404,
 * {@code ...0002} 423, {@code ...0003} 410 and {@code ...0004} 429. Any other id is 404, and a request with
 * {@code clientFailover=true} for an id that was not scripted is 412. {@link #answer(UUID, Answer)} scripts an id.
 * Every request is recorded, and accepted connections are counted.
 */
public final class FakeTrustCaptchaApi implements AutoCloseable {

    /** The key the vendor's test suites use: {@code ak_} and 49 {@code x}. */
    public static final String API_KEY = "ak_" + "x".repeat(49);

    /** The vendor's test vector ids. */
    public static final UUID VALID = vector(0);
    public static final UUID NOT_FOUND = vector(1);
    public static final UUID NOT_FINISHED = vector(2);
    public static final UUID EXPIRED = vector(3);
    public static final UUID LIMIT_REACHED = vector(4);

    private static final Pattern RESULT_PATH = Pattern.compile(".*/v2/verifications/([^/?]+)/results");
    private static final int MAX_HEAD = 32 * 1024;

    private final ServerSocket server;
    private final ExecutorService threads;
    private final Map<UUID, Answer> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile String acceptedKey = API_KEY;
    private volatile Answer everything;

    private FakeTrustCaptchaApi(ServerSocket server) {
        this.server = server;
        this.threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "fake-trustcaptcha-" + server.getLocalPort());
            thread.setDaemon(true);
            return thread;
        });
        threads.execute(this::acceptLoop);
    }

    /**
     * Starts a fake on a free port of 127.0.0.1.
     *
     * @return the running fake
     */
    public static FakeTrustCaptchaApi start() {
        try {
            return new FakeTrustCaptchaApi(new ServerSocket(0, 200, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake TrustCaptcha API", e);
        }
    }

    /**
     * The URL of a port on 127.0.0.1 where nothing listens: a fake is started there and closed again at once, so
     * that connecting is refused.
     *
     * @return the URL, for {@code trustcaptcha/mp-rest/url}
     */
    public static String refusedUrl() {
        try (FakeTrustCaptchaApi down = start()) {
            return down.url();
        }
    }

    /** The vendor's test vector id {@code 00000000-0000-0000-0000-00000000000n}. */
    public static UUID vector(int n) {
        return UUID.fromString(String.format("00000000-0000-0000-0000-%012d", n));
    }

    /** The base URL, for {@code trustcaptcha/mp-rest/url}. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** The port. */
    public int port() {
        return server.getLocalPort();
    }

    /** Scripts the answer for one verification id. */
    public FakeTrustCaptchaApi answer(UUID verificationId, Answer answer) {
        answers.put(verificationId, answer);
        return this;
    }

    /** Answers every request the same way, whatever it asks (null: back to normal). */
    public FakeTrustCaptchaApi answerEverything(Answer answer) {
        this.everything = answer;
        return this;
    }

    /** Makes the fake accept another key (so the configured one gets 403). */
    public void acceptKey(String key) {
        this.acceptedKey = key;
    }

    /** Every request received so far, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests for one verification id. */
    public List<Request> requestsFor(UUID verificationId) {
        List<Request> matching = new ArrayList<>();
        for (Request request : requests) {
            if (request.path().contains("/" + verificationId + "/")) {
                matching.add(request);
            }
        }
        return matching;
    }

    /** How many connections were accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** Forgets the requests and the scripted answers, and accepts {@link #API_KEY} again. */
    public void reset() {
        requests.clear();
        answers.clear();
        acceptedKey = API_KEY;
        everything = null;
    }

    @Override
    public void close() {
        stopped.countDown();
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        threads.shutdownNow();
    }

    /** One recorded request; header names are lower case. */
    public record Request(String method, String path, String query, Map<String, String> headers) {

        /** A header's value, or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                open.add(socket);
                threads.execute(() -> serve(socket));
            } catch (IOException closed) {
                return;
            } catch (RuntimeException rejectedAfterClose) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (true) {
                Request request = readRequest(in);
                if (request == null) {
                    return;
                }
                requests.add(request);
                boolean keepAlive = respond(request, socket, in, out);
                if (!keepAlive || "close".equalsIgnoreCase(request.header("connection"))) {
                    return;
                }
            }
        } catch (IOException | InterruptedException connectionGone) {
            // the client went away, or the fake stops
        } finally {
            open.remove(socket);
        }
    }

    private static Request readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            if (head.size() > MAX_HEAD) {
                throw new IOException("request head too large");
            }
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        if (requestLine.length < 2) {
            throw new IOException("bad request line");
        }
        Map<String, String> headers = new ConcurrentHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
        }
        String length = headers.get("content-length");
        if (length != null) {
            in.skipNBytes(Long.parseLong(length));
        }
        String target = requestLine[1];
        int question = target.indexOf('?');
        return new Request(requestLine[0], question < 0 ? target : target.substring(0, question),
                question < 0 ? "" : target.substring(question + 1), Map.copyOf(headers));
    }

    /** Answers one request; returns whether the connection may serve another one. */
    private boolean respond(Request request, Socket socket, InputStream in, OutputStream out)
            throws IOException, InterruptedException {
        return answerFor(request).write(new Exchange(socket, in, out, stopped));
    }

    private Answer answerFor(Request request) {
        Answer always = everything;
        if (always != null) {
            return always;
        }
        Matcher matcher = RESULT_PATH.matcher(request.path());
        if (!"GET".equals(request.method()) || !matcher.matches()) {
            return Answer.status(404);
        }
        if (!("Bearer " + acceptedKey).equals(request.header("authorization"))) {
            return Answer.status(403);
        }
        UUID id;
        try {
            id = UUID.fromString(matcher.group(1));
        } catch (IllegalArgumentException notAnId) {
            return Answer.status(404);
        }
        Answer scripted = answers.get(id);
        if (scripted != null) {
            return scripted.next(() -> answers.put(id, Answer.status(429)));
        }
        if (request.query().contains("clientFailover=true")) {
            return Answer.status(412);
        }
        if (id.equals(VALID)) {
            return Answer.result(Results.human(VALID));
        }
        if (id.equals(NOT_FINISHED)) {
            return Answer.status(423);
        }
        if (id.equals(EXPIRED)) {
            return Answer.status(410);
        }
        if (id.equals(LIMIT_REACHED)) {
            return Answer.status(429);
        }
        return Answer.status(404);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    /** What an answer writes to. */
    record Exchange(Socket socket, InputStream in, OutputStream out, CountDownLatch stopped) {

        /** Waits, but no longer than until the fake stops; returns false when it stopped. */
        boolean pause(Duration duration) throws InterruptedException {
            return !stopped.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        }

        /** Holds the connection until the client closes it or the fake stops. */
        void holdUntilClosed() {
            try {
                while (in.read() >= 0) {
                    // discard whatever the client sends
                }
            } catch (SocketException closed) {
                // closed by either side
            } catch (IOException gone) {
                // gone
            }
        }
    }
}
