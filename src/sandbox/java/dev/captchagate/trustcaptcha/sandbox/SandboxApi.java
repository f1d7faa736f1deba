package dev.captchagate.trustcaptcha.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The TrustCaptcha protocol as the sandbox speaks it, independent of any HTTP server: {@link TrustCaptchaSandbox}
 * serves it on its own port, and an application can mount it under a path of its own server (the demo serves it
 * at {@code /sandbox}) by turning each request into a {@link Request} and writing back the {@link Response}.
 *
 * <p>Both sides of TrustCaptcha:
 * <ul>
 * <li>the widget's API: {@code POST /v2/verifications} answers a proof-of-work challenge
 * ({@value TrustCaptchaSandbox#TASKS} tasks of {@value TrustCaptchaSandbox#DIFFICULTY} bits), and
 * {@code POST /v2/verifications/{id}/challenges} checks every nonce and answers {@code 201} with a verification
 * token, or {@code 409} when a proof is wrong. Both answer CORS requests (and their preflight) from any origin;</li>
 * <li>the result API: {@code GET /v2/verifications/{id}/results} with {@code Authorization: Bearer <key>}.</li>
 * </ul>
 * Thread-safe. It remembers at most {@value #CAPACITY} verifications, forgetting the oldest first.
 */
public final class SandboxApi {

    /** How many verifications are remembered. */
    public static final int CAPACITY = 10_000;

    /** The largest request body accepted; the widget sends about 4 KiB. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final String PREFIX = "/v2/verifications";
    private static final int MAX_NONCE_LENGTH = 64;
    private static final String JSON = "application/json";

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<UUID, Verification> verifications = new LinkedHashMap<>(256, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Verification> eldest) {
            return size() > CAPACITY;
        }
    };

    /** A sandbox protocol on the system clock. */
    public SandboxApi() {
        this(Clock.systemUTC());
    }

    SandboxApi(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * One HTTP request, as the transport received it.
     *
     * @param method the method, e.g. {@code POST}
     * @param path the path below the sandbox's base URL, e.g. {@code /v2/verifications}
     * @param query the raw query string, or empty
     * @param headers header names in lower case, each with its first value
     * @param body the body (at most {@link #MAX_BODY_BYTES}; the transport answers larger ones with 413 itself)
     * @param remoteAddress the client's address, or null
     */
    public record Request(String method, String path, String query, Map<String, String> headers, byte[] body,
                          String remoteAddress) {

        /** Checks and copies. */
        public Request {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
            query = query == null ? "" : query;
            Map<String, String> lower = new LinkedHashMap<>();
            if (headers != null) {
                headers.forEach((name, value) -> lower.putIfAbsent(name.toLowerCase(Locale.ROOT), value));
            }
            headers = Collections.unmodifiableMap(lower);
            body = body == null ? new byte[0] : body.clone();
        }

        /** A header's value (any letter case), or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The body as UTF-8 text. */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public byte[] body() {
            return body.clone();
        }
    }

    /**
     * The answer to write back.
     *
     * @param status the HTTP status
     * @param headers the headers (besides {@code Content-Length})
     * @param body the body, possibly empty
     */
    public record Response(int status, Map<String, String> headers, byte[] body) {

        /** Copies. */
        public Response {
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
            body = body.clone();
        }

        /** The body as UTF-8 text. */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public byte[] body() {
            return body.clone();
        }
    }

    /**
     * Answers one request.
     *
     * @param request the request
     * @return the answer
     */
    public Response handle(Request request) {
        String path = request.path();
        if (!path.equals(PREFIX) && !path.startsWith(PREFIX + "/")) {
            return plain(404, "not a sandbox path");
        }
        String[] rest = path.substring(PREFIX.length()).split("/", -1);
        // rest is [""] for /v2/verifications, ["", id, "challenges"] or ["", id, "results"].
        if (rest.length == 1) {
            return widgetCall(request, "POST", () -> create(request));
        }
        if (rest.length == 3 && rest[2].equals("challenges")) {
            return widgetCall(request, "POST", () -> challenge(request, rest[1]));
        }
        if (rest.length == 3 && rest[2].equals("results")) {
            if (!request.method().equals("GET")) {
                return withHeader(plain(405, "use GET"), "Allow", "GET");
            }
            return result(request, rest[1]);
        }
        return plain(404, "not a sandbox path");
    }

    /**
     * Mints the token the widget would get after solving a challenge with the outcome's site key, without a
     * browser: for tests of the server side.
     *
     * @param outcome what the result API will answer for it
     * @return the verification token
     */
    public String token(SandboxOutcome outcome) {
        Instant now = now();
        Verification verification = new Verification(UUID.randomUUID(), outcome, now, null, null, List.of());
        synchronized (verifications) {
            verifications.put(verification.id, verification);
            verification.finish(now, TrustCaptchaSandbox.RESULT_LIFETIME);
        }
        return token(verification);
    }

    // --- the widget's side -------------------------------------------------------------------------------------

    private interface Call {
        Response answer();
    }

    /** A call the widget makes from the page, cross-origin: answers the preflight and adds CORS headers. */
    private static Response widgetCall(Request request, String method, Call call) {
        String origin = request.header("origin");
        if (request.method().equals("OPTIONS")) {
            Map<String, String> headers = new LinkedHashMap<>();
            if (origin != null) {
                String requested = request.header("access-control-request-headers");
                headers.put("Access-Control-Allow-Origin", origin);
                headers.put("Access-Control-Allow-Methods", method);
                headers.put("Access-Control-Allow-Headers", requested == null ? "Content-Type" : requested);
                headers.put("Access-Control-Max-Age", "600");
            }
            headers.put("Vary", "Origin, Access-Control-Request-Headers");
            headers.put("Allow", method + ", OPTIONS");
            return new Response(204, headers, new byte[0]);
        }
        Response response = request.method().equals(method)
                ? call.answer()
                : withHeader(plain(405, "use " + method), "Allow", method + ", OPTIONS");
        if (origin != null) {
            response = withHeader(response, "Access-Control-Allow-Origin", origin);
        }
        return withHeader(response, "Vary", "Origin");
    }

    private Response create(Request request) {
        Map<String, Object> body;
        try {
            body = Json.parseObject(request.text());
        } catch (IllegalArgumentException e) {
            return plain(400, "the body must be a JSON object");
        }
        Object siteKey = body.get("siteKey");
        Optional<SandboxOutcome> outcome =
                SandboxOutcome.forSiteKey(siteKey instanceof String ? (String) siteKey : null);
        if (outcome.isEmpty()) {
            return plain(404, "no captcha for this site key in the sandbox; use one of SandboxOutcome's site keys");
        }
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < TrustCaptchaSandbox.TASKS; i++) {
            byte[] input = new byte[16];
            random.nextBytes(input);
            inputs.add(Base64.getEncoder().encodeToString(input));
        }
        Verification verification = new Verification(UUID.randomUUID(), outcome.get(), now(),
                request.header("origin"), request.remoteAddress(), inputs);
        synchronized (verifications) {
            verifications.put(verification.id, verification);
        }
        StringBuilder tasks = new StringBuilder();
        for (int i = 0; i < inputs.size(); i++) {
            tasks.append(i == 0 ? "" : ",").append("{\"number\":").append(i).append(",\"input\":")
                    .append(Json.quote(inputs.get(i))).append('}');
        }
        return json(200, "{\"challenge\":{\"verificationId\":\"" + verification.id + "\",\"difficulty\":"
                + TrustCaptchaSandbox.DIFFICULTY + ",\"tasks\":[" + tasks + "]}}");
    }

    private Response challenge(Request request, String idText) {
        Verification verification = find(idText);
        if (verification == null) {
            return plain(404, "no such verification");
        }
        Map<String, Object> body;
        try {
            body = Json.parseObject(request.text());
        } catch (IllegalArgumentException e) {
            return plain(400, "the body must be a JSON object");
        }
        Map<Integer, String> nonces = nonces(body.get("tasks"));
        synchronized (verifications) {
            if (verification.finishedAt != null) {
                return plain(404, "this verification is finished");
            }
            for (int i = 0; i < verification.inputs.size(); i++) {
                String nonce = nonces.get(i);
                if (nonce == null || !ProofOfWork.solves(verification.inputs.get(i), nonce,
                        TrustCaptchaSandbox.DIFFICULTY)) {
                    return plain(409, "proof of work failed for task " + i);
                }
            }
            verification.finish(now(), TrustCaptchaSandbox.RESULT_LIFETIME);
        }
        return json(201, "{\"finished\":{\"verificationToken\":" + Json.quote(token(verification))
                + ",\"expiresInMs\":" + TrustCaptchaSandbox.RESULT_LIFETIME.toMillis() + "}}");
    }

    /** The submitted nonces by task number; malformed entries are left out (and so fail the proof). */
    private static Map<Integer, String> nonces(Object tasks) {
        Map<Integer, String> nonces = new LinkedHashMap<>();
        if (tasks instanceof List) {
            for (Object task : (List<?>) tasks) {
                if (task instanceof Map) {
                    Object number = ((Map<?, ?>) task).get("number");
                    Object nonce = ((Map<?, ?>) task).get("nonce");
                    if (number instanceof Double && nonce instanceof String
                            && ((String) nonce).length() <= MAX_NONCE_LENGTH) {
                        double n = (Double) number;
                        if (n >= 0 && n < TrustCaptchaSandbox.TASKS && n == Math.floor(n)) {
                            nonces.putIfAbsent((int) n, (String) nonce);
                        }
                    }
                }
            }
        }
        return nonces;
    }

    // --- the result API ----------------------------------------------------------------------------------------

    private Response result(Request request, String idText) {
        String authorization = request.header("authorization");
        if (!("Bearer " + TrustCaptchaSandbox.API_KEY).equals(authorization)
                && !("Bearer " + TrustCaptchaSandbox.VENDOR_TEST_API_KEY).equals(authorization)) {
            return plain(403, "API key invalid");
        }
        if (query(request.query(), "clientFailover").filter("true"::equals).isPresent()) {
            // The widget minted the token itself, claiming TrustCaptcha was unreachable: the sandbox never is.
            return plain(412, "client reported an outage the sandbox did not have");
        }
        UUID id = uuid(idText);
        if (id == null) {
            return plain(404, "no such verification");
        }
        if (id.equals(vector(0))) {
            return json(200, resultJson(id, SandboxOutcome.HUMAN, null, null, Instant.parse(
                    "2026-01-01T00:00:00Z"), now().plus(TrustCaptchaSandbox.RESULT_LIFETIME), now()));
        }
        for (int n = 1; n <= 4; n++) {
            if (id.equals(vector(n))) {
                return plain(new int[] {404, 423, 410, 429}[n - 1], "vendor test vector " + n);
            }
        }
        Verification verification = find(idText);
        if (verification == null) {
            return plain(404, "no such verification");
        }
        Instant now = now();
        synchronized (verifications) {
            if (verification.finishedAt == null || verification.outcome == SandboxOutcome.NOT_FINISHED) {
                return plain(423, "verification not finished");
            }
            if (verification.outcome == SandboxOutcome.EXPIRED || !now.isBefore(verification.expiresAt)) {
                return plain(410, "result expired");
            }
            if (verification.firstFetchedAt != null) {
                return plain(429, "retrieval limit reached: a result is handed out once");
            }
            verification.firstFetchedAt = now;
        }
        return json(200, resultJson(verification.id, verification.outcome, verification.origin,
                verification.remoteAddress, verification.startedAt, verification.expiresAt, now,
                verification.finishedAt));
    }

    private static String resultJson(UUID id, SandboxOutcome outcome, String origin, String ip, Instant started,
                                     Instant expires, Instant fetched) {
        return resultJson(id, outcome, origin, ip, started, expires, fetched, started);
    }

    private static String resultJson(UUID id, SandboxOutcome outcome, String origin, String ip, Instant started,
                                     Instant expires, Instant fetched, Instant finished) {
        boolean failover = outcome == SandboxOutcome.GATEWAY_FAILOVER;
        boolean passed = outcome != SandboxOutcome.FAILED;
        String score = outcome == SandboxOutcome.BOT ? "0.9"
                : outcome == SandboxOutcome.FAILED ? "1.0"
                : failover ? "0.0" : "0.1";
        return "{\"captchaId\":\"" + outcome.siteKey() + "\""
                + ",\"verificationId\":\"" + id + "\""
                + ",\"verificationPassed\":" + passed
                + ",\"score\":" + score
                + ",\"decisionType\":\"" + (failover ? "FAILOVER" : "STANDARD") + "\""
                + ",\"decisionAction\":\"ALLOW\""
                + ",\"gatewayFailoverActive\":" + failover
                + ",\"riskScoringEnabled\":true"
                + ",\"minimalDataModeEnabled\":false"
                + ",\"origin\":" + Json.quoteOrNull(origin)
                + ",\"ipAddress\":" + Json.quoteOrNull(ip)
                + ",\"countryCode\":null"
                + ",\"deviceFamily\":null"
                + ",\"operatingSystem\":null"
                + ",\"browser\":null"
                + ",\"verificationStartedAt\":\"" + started + "\""
                + ",\"verificationFinishedAt\":\"" + finished + "\""
                + ",\"resultExpiresAt\":\"" + expires + "\""
                + ",\"resultFirstFetchedAt\":\"" + fetched + "\""
                + ",\"resultLastFetchedAt\":\"" + fetched + "\""
                + "}";
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private Verification find(String idText) {
        UUID id = uuid(idText);
        if (id == null) {
            return null;
        }
        synchronized (verifications) {
            return verifications.get(id);
        }
    }

    private static String token(Verification verification) {
        String json = "{\"verificationId\":\"" + verification.id + "\",\"expiresAt\":\"" + verification.expiresAt
                + "\"}";
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static UUID vector(int n) {
        return UUID.fromString(String.format("00000000-0000-0000-0000-%012d", n));
    }

    private static UUID uuid(String text) {
        if (text == null || text.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Optional<String> query(String query, String name) {
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                return Optional.of(pair.substring(equals + 1));
            }
        }
        return Optional.empty();
    }

    private static Response plain(int status, String text) {
        return new Response(status, Map.of("Content-Type", "text/plain; charset=utf-8", "Cache-Control", "no-store"),
                text.getBytes(StandardCharsets.UTF_8));
    }

    private static Response json(int status, String json) {
        return new Response(status, Map.of("Content-Type", JSON, "Cache-Control", "no-store"),
                json.getBytes(StandardCharsets.UTF_8));
    }

    private static Response withHeader(Response response, String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>(response.headers());
        headers.put(name, value);
        return new Response(response.status(), headers, response.body());
    }

    /** One verification the sandbox started; mutable fields are guarded by the map's lock. */
    private static final class Verification {
        final UUID id;
        final SandboxOutcome outcome;
        final Instant startedAt;
        final String origin;
        final String remoteAddress;
        final List<String> inputs;
        Instant finishedAt;
        Instant expiresAt;
        Instant firstFetchedAt;

        Verification(UUID id, SandboxOutcome outcome, Instant startedAt, String origin, String remoteAddress,
                     List<String> inputs) {
            this.id = id;
            this.outcome = outcome;
            this.startedAt = startedAt;
            this.origin = origin;
            this.remoteAddress = remoteAddress;
            this.inputs = List.copyOf(inputs);
        }

        void finish(Instant now, Duration lifetime) {
            finishedAt = now;
            expiresAt = now.plus(lifetime);
        }
    }

    /** The widget's proof of work. */
    static final class ProofOfWork {

        private ProofOfWork() {
        }

        /** Whether SHA-256(input bytes, then the UTF-8 nonce) starts with at least {@code bits} zero bits. */
        static boolean solves(String inputBase64, String nonce, int bits) {
            byte[] input;
            try {
                input = Base64.getDecoder().decode(inputBase64);
            } catch (IllegalArgumentException e) {
                return false;
            }
            return leadingZeroBits(sha256(input, nonce.getBytes(StandardCharsets.UTF_8))) >= bits;
        }

        /** The widget's solver: the first {@code "tcn" + n} that solves the task. */
        static String solve(String inputBase64, int bits) {
            for (long n = 0; ; n++) {
                String nonce = "tcn" + n;
                if (solves(inputBase64, nonce, bits)) {
                    return nonce;
                }
            }
        }

        static int leadingZeroBits(byte[] hash) {
            int bits = 0;
            for (byte b : hash) {
                if (b != 0) {
                    return bits + Integer.numberOfLeadingZeros(b & 0xff) - 24;
                }
                bits += 8;
            }
            return bits;
        }

        private static byte[] sha256(byte[] first, byte[] second) {
            try {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                digest.update(first);
                digest.update(second);
                return digest.digest();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }
    }
}
