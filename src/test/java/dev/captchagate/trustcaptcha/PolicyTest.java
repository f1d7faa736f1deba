package dev.captchagate.trustcaptcha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.captchagate.trustcaptcha.internal.client.ResultJson;
import dev.captchagate.trustcaptcha.testing.Results;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyTest {

    private static final String SHOP = "https://shop.example.com";

    /** Readable rows first: result fields, policy, expected code. */
    @ParameterizedTest(name = "passed={0} score={1} origin={2} gateway={3} | max={4} rejectGateway={5} origins={6} -> {7}")
    @CsvSource(nullValues = "-", value = {
        // passed, score, origin, gateway, maxScore, rejectGateway, allowedOrigins, expected
        "true,  0.1, https://shop.example.com, false, 0.5, false, -,                      accepted",
        "true,  0.5, https://shop.example.com, false, 0.5, false, -,                      accepted",
        "true,  0.51, https://shop.example.com, false, 0.5, false, -,                     score-too-high",
        "false, 0.9, https://shop.example.com, true,  0.5, true,  https://other.example,  verification-failed",
        "true,  0.9, https://evil.example,     true,  0.5, true,  https://shop.example.com, score-too-high",
        "true,  0.1, https://evil.example,     true,  0.5, true,  https://shop.example.com, origin-not-allowed",
        "true,  0.1, -,                        false, 0.5, false, https://shop.example.com, origin-not-allowed",
        "true,  0.1, HTTPS://Shop.Example.com:443/, false, 0.5, false, https://shop.example.com, accepted",
        "true,  0.1, https://shop.example.com, true,  0.5, true,  https://shop.example.com, gateway-failover-rejected",
        "true,  0.1, https://shop.example.com, true,  0.5, false, https://shop.example.com, accepted",
        "true,  0.0, https://shop.example.com, false, 0.0, false, -,                      accepted",
        "true,  1.0, https://shop.example.com, false, 1.0, false, -,                      accepted",
    })
    void decidesTheDocumentedRows(boolean passed, double score, String origin, boolean gateway, double maxScore,
                                  boolean rejectGateway, String allowedOrigin, String expected) {
        Policy policy = Policy.builder().maxScore(maxScore).allowWhenUnreachable(false).rejectGatewayFailover(rejectGateway).allowedOrigins(allowedOrigin == null ? Set.of() : Set.of(allowedOrigin)).build();
        assertEquals(expected, policy.decide(result(passed, score, origin, gateway)).code());
    }

    /** Every combination of result fields and policy keys, against the precedence the contract states. */
    @ParameterizedTest
    @MethodSource("everyCombination")
    void decidesEveryCombinationInTheContractsOrder(boolean passed, double score, String origin, boolean gateway,
                                                    double maxScore, boolean rejectGateway, Set<String> origins,
                                                    boolean allowWhenUnreachable) {
        Policy policy = Policy.builder().maxScore(maxScore).allowWhenUnreachable(allowWhenUnreachable).rejectGatewayFailover(rejectGateway).allowedOrigins(origins).build();
        Decision decision = policy.decide(result(passed, score, origin, gateway));

        String expected;
        if (!passed) {
            expected = "verification-failed";
        } else if (score > maxScore) {
            expected = "score-too-high";
        } else if (!origins.isEmpty() && !SHOP.equals(origin)) {
            expected = "origin-not-allowed";
        } else if (rejectGateway && gateway) {
            expected = "gateway-failover-rejected";
        } else {
            expected = "accepted";
        }
        assertEquals(expected, decision.code());
        assertEquals(expected.equals("accepted"), decision.accepted());
        assertTrue(decision.enforced());
        assertTrue(decision.result().isPresent(), "every decision on a result carries it");
        assertNotEquals(Outcome.Status.SERVICE_UNAVAILABLE, decision.outcome().status());
    }

    static Stream<Arguments> everyCombination() {
        List<Arguments> all = new ArrayList<>();
        for (boolean passed : new boolean[] {true, false}) {
            for (double score : new double[] {0.0, 0.3, 0.5, 0.7, 1.0}) {
                for (String origin : new String[] {SHOP, "https://evil.example", null}) {
                    for (boolean gateway : new boolean[] {true, false}) {
                        for (double max : new double[] {0.3, 0.5}) {
                            for (boolean rejectGateway : new boolean[] {true, false}) {
                                for (Set<String> origins : List.of(Set.<String>of(), Set.of(SHOP))) {
                                    for (boolean open : new boolean[] {true, false}) {
                                        all.add(Arguments.of(passed, score, origin, gateway, max, rejectGateway,
                                                origins, open));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest
    @CsvSource({
        "TOKEN_INVALID,           false, token-invalid",
        "TOKEN_INVALID,           true,  token-invalid",
        "VERIFICATION_NOT_FOUND,               true,  verification-not-found",
        "VERIFICATION_EXPIRED,                 true,  verification-expired",
        "VERIFICATION_NOT_FINISHED,            true,  verification-not-finished",
        "RETRIEVAL_LIMIT_REACHED, true,  retrieval-limit-reached",
        "FAILOVER_REJECTED,       true,  failover-rejected",
        "API_KEY_INVALID,         true,  verification-unavailable",
        "UNEXPECTED_RESPONSE,     true,  verification-unavailable",
        "UNAVAILABLE,             false, verification-unavailable",
        "UNAVAILABLE,             true,  verification-unavailable",
        "OVERLOADED,              true,  verification-unavailable",
        "TLS_FAILURE,             true,  verification-unavailable",
        "INTERNAL_ERROR,          true,  verification-unavailable",
        "CIRCUIT_OPEN,            false, verification-unavailable",
        "CIRCUIT_OPEN,            true,  accepted-unverified",
    })
    void failsOpenOnlyWhileTheBreakerIsOpenAndThePolicySaysSo(Outcome failure,
                                                                     boolean allowWhenUnreachable, String expected) {
        Policy policy = Policy.builder().allowWhenUnreachable(allowWhenUnreachable).build();
        Decision decision = policy.decide(Verification.failed(failure, "detail"));
        assertEquals(expected, decision.code());
        assertEquals(expected.equals("accepted-unverified") ? Outcome.ACCEPTED_UNVERIFIED : failure, decision.outcome());
        assertTrue(decision.result().isEmpty());
        assertEquals("detail", decision.detail());
    }

    @Test
    void onlyAnOpenBreakerIsAcceptedUnverified() {
        for (Outcome failure : new Outcome[] {Outcome.UNAVAILABLE, Outcome.OVERLOADED, Outcome.TOKEN_INVALID}) {
            assertThrows(IllegalArgumentException.class,
                    () -> Decision.acceptedUnverified(Verification.failed(failure, "x")), failure.name());
        }
        assertEquals(Outcome.ACCEPTED_UNVERIFIED,
                Decision.acceptedUnverified(Verification.failed(Outcome.CIRCUIT_OPEN, "open")).outcome());
    }

    @Test
    void refusesInvalidArguments() {
        assertThrows(IllegalArgumentException.class, () -> Policy.maxScore(1.5));
        assertThrows(IllegalArgumentException.class, () -> Policy.maxScore(-0.1));
        assertThrows(IllegalArgumentException.class, () -> Policy.maxScore(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Policy.builder().allowedOrigins("shop.example.com"));
        assertThrows(IllegalArgumentException.class, () -> Policy.builder().maxScore(Double.POSITIVE_INFINITY));
    }

    @Test
    void aMonitoredRefusalIsTheSameDecisionNotEnforced() {
        Decision refused = Policy.DEFAULT.decide(result(true, 0.9, SHOP, false));
        Decision monitored = refused.unenforced();
        assertEquals(refused.code(), monitored.code());
        assertEquals(refused.result(), monitored.result());
        assertFalse(monitored.enforced());
        assertFalse(monitored.accepted());
    }

    @Test
    void normalisesOrigins() {
        assertEquals("https://shop.example.com", Origins.normalize("HTTPS://Shop.EXAMPLE.com:443/").orElseThrow());
        assertEquals("http://localhost:8080", Origins.normalize("http://localhost:8080").orElseThrow());
        assertEquals("http://localhost", Origins.normalize("http://localhost:80").orElseThrow());
        assertEquals("https://shop.example.com:8443", Origins.normalize("https://shop.example.com:8443").orElseThrow());
        for (String notAnOrigin : new String[] {"shop.example.com", "https://shop.example.com/path",
            "https://user@shop.example.com", "https://shop.example.com?x", "https://", "null", ""}) {
            assertTrue(Origins.normalize(notAnOrigin).isEmpty(), notAnOrigin);
        }
    }

    private static Verification result(boolean passed, double score, String origin, boolean gateway) {
        String json = Results.json(UUID.randomUUID(), passed, score, origin, gateway);
        return Verification.of(ResultJson.parse(json.getBytes(StandardCharsets.UTF_8)).orElseThrow());
    }
}
