package dev.captchagate.trustcaptcha.internal.filter;

import dev.captchagate.trustcaptcha.Decision;
import dev.captchagate.trustcaptcha.Verification;
import dev.captchagate.trustcaptcha.VerificationResult;
import dev.captchagate.trustcaptcha.bench.BenchRequest;
import dev.captchagate.trustcaptcha.bench.BenchResponse;
import dev.captchagate.trustcaptcha.bench.Bodies;
import dev.captchagate.trustcaptcha.internal.config.Keys;
import dev.captchagate.trustcaptcha.internal.verify.Decider;
import dev.captchagate.trustcaptcha.replay.ReplayStore;
import dev.captchagate.trustcaptcha.testing.TestRequest;
import dev.captchagate.trustcaptcha.testing.TestResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The filter's own decision path, {@link RequestCheck#apply}, with the default settings and no network: a request
 * it lets pass unchecked (GET), a POST whose token is in the header (decoded, claimed in the replay store, verified
 * by an in-memory source, decided by the default policy, published as attributes), and, for comparison, the same
 * POST with the token in a 1 KiB JSON body (read into memory, searched, wrapped for replay). Each request is reset
 * before each call (the check marks a request as checked). Two more benchmarks price the servlet fakes themselves.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RequestCheckBenchmark {

    private static final UUID VERIFICATION_ID = UUID.fromString("0b6f3c1e-7d2a-4f5b-9c8e-1a2b3c4d5e6f");

    private RequestCheck check;
    private BenchRequest get;
    private BenchRequest headerPost;
    private BenchRequest jsonPost;
    private BenchResponse response;

    /** A replay store that always claims: every token is new (no map, no clock, no contention). */
    static final class AlwaysClaims implements ReplayStore {
        @Override
        public boolean claim(UUID verificationId, long attempt) {
            return true;
        }

        @Override
        public void release(UUID verificationId, long attempt) {
            throw new IllegalStateException("an accepted token is never released");
        }
    }

    /**
     * Builds the check and the requests, and checks each decision once.
     *
     * @throws IOException never
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        VerificationResult human = new VerificationResult(UUID.fromString("6f1d6a1e-3c55-4a8c-9f2b-2b5c7c0d9e11"),
                VERIFICATION_ID, true, 0.1, "STANDARD", "ALLOW", false, true, false, "https://shop.example.com",
                "203.0.113.7", "CH", "Desktop", "Linux", "Firefox", "2026-11-23T10:15:30.123Z",
                "2026-11-23T10:15:31.456Z", "2026-11-23T10:30:31.456Z", "2026-11-23T10:15:33.001Z",
                "2026-11-23T10:15:33.001Z");
        Verification answer = Verification.of(human);
        Decider verifier = new Decider(token -> {
            if (!token.verificationId().equals(VERIFICATION_ID)) {
                throw new IllegalStateException("wrong token decoded");
            }
            return answer;
        }, new AlwaysClaims());
        check = new RequestCheck(FilterSettings.defaults(), verifier::decide, DecisionPublisher.NONE);
        String token = Bodies.token(VERIFICATION_ID);
        byte[] json = Bodies.json(1024, true, token, 7);
        get = new BenchRequest("GET", "/api/items", new byte[0]);
        headerPost = new BenchRequest("POST", "/api/order", json).header("Content-Type", "application/json")
                .header(Keys.TOKEN_HEADER.defaultValue(), token);
        jsonPost = new BenchRequest("POST", "/api/order", json).header("Content-Type", "application/json");
        response = new BenchResponse();

        if (check.apply(get, response) != get || get.getAttribute(Decision.ATTRIBUTE) != null) {
            throw new IllegalStateException("GET was checked");
        }
        for (BenchRequest post : new BenchRequest[] {headerPost, jsonPost}) {
            post.reset();
            HttpServletRequest next = check.apply(post, response);
            Decision decision = (Decision) post.getAttribute(Decision.ATTRIBUTE);
            if (next == null || decision == null || !decision.accepted()
                    || !decision.result().orElseThrow().verificationId().equals(VERIFICATION_ID)) {
                throw new IllegalStateException("POST not accepted: " + decision);
            }
            if (post == headerPost && (next != post || post.streamTaken())) {
                throw new IllegalStateException("the header token's body was read");
            }
            if (post == jsonPost && (next == post || !post.streamTaken())) {
                throw new IllegalStateException("the JSON body was not read");
            }
        }
    }

    /**
     * A GET: not a checked method, let through untouched.
     *
     * @return the request handed on
     * @throws IOException never
     */
    @Benchmark
    public HttpServletRequest passUnchecked() throws IOException {
        return check.apply(get, response);
    }

    /**
     * A POST with the token in the header and an in-memory verifier: accepted.
     *
     * @return the request handed on
     * @throws IOException never
     */
    @Benchmark
    public HttpServletRequest headerToken() throws IOException {
        headerPost.reset();
        return accepted(check.apply(headerPost, response));
    }

    /**
     * A POST with the token first in a 1 KiB JSON body and an in-memory verifier: accepted.
     *
     * @return the request handed on
     * @throws IOException never
     */
    @Benchmark
    public HttpServletRequest jsonBodyToken() throws IOException {
        jsonPost.reset();
        return accepted(check.apply(jsonPost, response));
    }

    private static HttpServletRequest accepted(HttpServletRequest next) {
        if (next == null) {
            throw new IllegalStateException("refused");
        }
        return next;
    }

    /**
     * The cost of the lean benchmark fakes: a new request and response (the benchmarks above reuse theirs).
     *
     * @param blackhole takes both
     */
    @Benchmark
    public void newBenchFakes(Blackhole blackhole) {
        blackhole.consume(new BenchRequest("GET", "/api/items", Bodies.EMPTY));
        blackhole.consume(new BenchResponse());
    }

    /**
     * The cost of the unit tests' fakes, {@code TestRequest} and {@code TestResponse}: each makes a dynamic proxy.
     *
     * @param blackhole takes both
     */
    @Benchmark
    public void newTestFakes(Blackhole blackhole) {
        blackhole.consume(TestRequest.of("GET", "/api/items"));
        blackhole.consume(new TestResponse());
    }
}
