package dev.captchagate.trustcaptcha.internal.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.captchagate.trustcaptcha.Verification;
import dev.captchagate.trustcaptcha.internal.client.ResultJson;
import dev.captchagate.trustcaptcha.internal.config.Keys;
import dev.captchagate.trustcaptcha.internal.config.Mode;
import dev.captchagate.trustcaptcha.internal.util.JsonPointer;
import dev.captchagate.trustcaptcha.internal.verify.Decider;
import dev.captchagate.trustcaptcha.testing.Hostile;
import dev.captchagate.trustcaptcha.testing.Results;
import dev.captchagate.trustcaptcha.testing.TestRequest;
import dev.captchagate.trustcaptcha.testing.TestResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Property test: 10,000 generated requests per run through the filter's check, without a container: malformed,
 * truncated and deeply nested JSON, huge strings and numbers, invalid UTF-8 and lone surrogates, duplicate members,
 * tokens at every depth and in several places (and not strings), wrong or missing content types, a Content-Length
 * that lies, chunked bodies, clients that stop sending, tokens in the header; in enforce and monitor mode. The seed
 * is in every message.
 *
 * <p>Invariants: the check never throws; never answers 5xx (the verifier here never reports TrustCaptcha
 * unavailable); reads at most {@code body.max-bytes} plus one byte, except to discard a body it refused as too large;
 * does not read the body at all when the header has a token; asks TrustCaptcha at most once, and only about a valid
 * token the request carried; and whenever it hands the request on, the application reads exactly the bytes that were
 * sent.
 */
class HostileBodiesTest {

    private static final int CASES = 10_000;
    private static final int MAX = 4096;

    @Test
    void theFilterHandlesEveryHostileBodyWithinItsInvariants() throws Exception {
        Hostile hostile = Hostile.stream(2);
        List<UUID> asked = new ArrayList<>();
        Decider verifier = new Decider(token -> {
            asked.add(token.verificationId());
            return Verification.of(ResultJson.parse(Results.human(token.verificationId())
                    .getBytes(StandardCharsets.UTF_8)).orElseThrow());
        });
        FilterSettings enforce = new FilterSettings(new LinkedHashSet<>(List.of("POST", "PUT", "PATCH", "DELETE")),
                Keys.TOKEN_HEADER.defaultValue(), Keys.TOKEN_JSON_POINTER.defaultValue(),
                Keys.TOKEN_FORM_PARAM.defaultValue(), MAX, 403, FilterSettings.defaults().policy(), Mode.ENFORCE);
        RequestCheck enforcing = new RequestCheck(enforce, verifier::decide, DecisionPublisher.NONE);
        RequestCheck monitoring = new RequestCheck(enforce.with(Mode.MONITOR), verifier::decide, DecisionPublisher.NONE);
        Set<Integer> statuses = new java.util.TreeSet<>();
        int passedOn = 0;
        for (int i = 0; i < CASES; i++) {
            Hostile.Body body = hostile.body(MAX);
            boolean monitor = i % 5 == 0;
            String method = i % 11 == 0 ? "GET" : i % 7 == 0 ? "PUT" : "POST";
            String message = "seed " + Hostile.SEED + ", case " + i + ": " + method + " " + body
                    + (monitor ? " (monitor)" : "");
            TestRequest request = TestRequest.wire(method, "/api", body.contentType(), body.bytes(), body.declared(),
                    body.breakOff());
            if (body.header() != null) {
                request.header(Keys.TOKEN_HEADER.defaultValue(), body.header());
            }
            TestResponse response = new TestResponse();
            asked.clear();

            HttpServletRequest next = assertDoesNotThrow(
                    () -> (monitor ? monitoring : enforcing).apply(request, response), message);

            statuses.add(response.getStatus());
            assertTrue(response.getStatus() < 500, "answered " + response.getStatus() + "; " + message);
            int read = request.bytesRead();
            boolean discarded = response.getStatus() == 413;
            assertTrue(read <= MAX + 1 || (discarded && read <= BodyReader.DISCARD_LIMIT),
                    "read " + read + " bytes; " + message);
            if (body.header() != null && !body.header().isBlank()) {
                assertTrue(read == 0, "read the body although the header has a token; " + message);
            }
            assertTrue(asked.size() <= 1, "asked TrustCaptcha " + asked.size() + " times; " + message);
            if (!body.unknown()) {
                assertTrue(body.validIds().containsAll(asked),
                        "asked about " + asked + ", which no valid token in the request names; " + message);
            }
            if (next != null && !request.breaksOff()) {
                passedOn++;
                byte[] downstream = assertDoesNotThrow(() -> next.getInputStream().readAllBytes(), message);
                assertArrayEquals(request.delivered(), downstream, "the application reads other bytes; " + message);
            }
        }
        assertTrue(statuses.containsAll(Set.of(200, 403, 413)), "too few outcomes: " + statuses);
        assertTrue(passedOn > CASES / 10, "too few requests handed on: " + passedOn);
    }
}
