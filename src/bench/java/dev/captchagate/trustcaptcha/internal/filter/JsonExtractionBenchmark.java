package dev.captchagate.trustcaptcha.internal.filter;

import dev.captchagate.trustcaptcha.bench.Bodies;
import dev.captchagate.trustcaptcha.internal.util.JsonPointer;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Taking the token out of a JSON body, three ways: the library's streaming JSON Pointer search
 * ({@link JsonTokenFinder}, which stops at the token), binding the whole document with JSON-B (Yasson, into the
 * generic {@code Map}/{@code List} tree, and into a class with only the token member), and reading a JSON-P object
 * tree (Parsson). Each is given the body as the filter holds it, a byte array, and every object that can be reused
 * (the parser factory, the {@code Jsonb}, the reader factory) is created once, as an application would.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JsonExtractionBenchmark {

    /** Body size in bytes: 1 KiB and 64 KiB (the filter's default {@code body.max-bytes}). */
    @Param({"1024", "65536"})
    public int size;

    /** Where the token is: the first or the last member of the object. */
    @Param({"first", "last"})
    public String token;

    private byte[] body;
    private String expected;
    private JsonPointer pointer;
    private Jsonb jsonb;
    private JsonReaderFactory readers;

    /** The JSON-B target with only the token: every other member is unknown to it and skipped. */
    public static class TokenOnly {
        /** The token. */
        public String verificationToken;
    }

    /**
     * Builds the body and checks that every way finds the same token.
     *
     * @throws Exception never, in practice
     */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        expected = Bodies.token(new UUID(0x5eed_0000_0000_4000L, 0x8000_0000_0000_0001L));
        body = Bodies.json(size, token.equals("first"), expected, 42);
        pointer = JsonPointer.parse("/verificationToken").orElseThrow();
        jsonb = JsonbBuilder.create();
        readers = Json.createReaderFactory(Map.of());
        check("streamingPointer", streamingPointer());
        check("jsonbBindMap", jsonbBindMap());
        check("jsonbBindClass", jsonbBindClass());
        check("jsonpObjectTree", jsonpObjectTree());
    }

    private void check(String way, String found) {
        if (!expected.equals(found)) {
            throw new IllegalStateException(way + " found " + found + ", not the token");
        }
    }

    /**
     * Closes the {@code Jsonb}.
     *
     * @throws Exception when closing fails
     */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        jsonb.close();
    }

    /**
     * The library's way: a streaming parser that follows the pointer and stops at the token.
     *
     * @return the token
     */
    @Benchmark
    public String streamingPointer() {
        return JsonTokenFinder.find(body, body.length, pointer).value();
    }

    /**
     * JSON-B binding of the whole document into the generic tree ({@code Map}, {@code List}, {@code BigDecimal}).
     *
     * @return the token
     */
    @Benchmark
    public String jsonbBindMap() {
        Map<?, ?> document = (Map<?, ?>) jsonb.fromJson(new ByteArrayInputStream(body), Object.class);
        return (String) document.get(Bodies.TOKEN_MEMBER);
    }

    /**
     * JSON-B binding into a class that has only the token (the rest of the document is read and skipped).
     *
     * @return the token
     */
    @Benchmark
    public String jsonbBindClass() {
        return Objects.requireNonNull(jsonb.fromJson(new ByteArrayInputStream(body), TokenOnly.class))
                .verificationToken;
    }

    /**
     * JSON-P: the whole object tree, then one member.
     *
     * @return the token
     */
    @Benchmark
    public String jsonpObjectTree() {
        try (JsonReader reader = readers.createReader(new ByteArrayInputStream(body))) {
            return reader.readObject().getString(Bodies.TOKEN_MEMBER);
        }
    }
}
