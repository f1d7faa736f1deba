package dev.captchagate.trustcaptcha.internal.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.captchagate.trustcaptcha.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiStatusMapperTest {

    @ParameterizedTest
    @CsvSource({
        "403, API_KEY_INVALID",
        "404, VERIFICATION_NOT_FOUND",
        "410, VERIFICATION_EXPIRED",
        "412, FAILOVER_REJECTED",
        "423, VERIFICATION_NOT_FINISHED",
        "429, RETRIEVAL_LIMIT_REACHED",
        "500, UNEXPECTED_RESPONSE",
        "502, UNAVAILABLE",
        "503, UNAVAILABLE",
        "504, UNAVAILABLE",
        "501, UNEXPECTED_RESPONSE",
        "505, UNEXPECTED_RESPONSE",
        "599, UNEXPECTED_RESPONSE",
        "100, UNEXPECTED_RESPONSE",
        "201, UNEXPECTED_RESPONSE",
        "204, UNEXPECTED_RESPONSE",
        "301, UNEXPECTED_RESPONSE",
        "302, UNEXPECTED_RESPONSE",
        "307, UNEXPECTED_RESPONSE",
        "308, UNEXPECTED_RESPONSE",
        "400, UNEXPECTED_RESPONSE",
        "401, UNEXPECTED_RESPONSE",
        "405, UNEXPECTED_RESPONSE",
        "418, UNEXPECTED_RESPONSE",
        "600, UNEXPECTED_RESPONSE",
    })
    void mapsEveryStatusOfTheContract(int status, Outcome expected) {
        assertEquals(expected, ApiStatusMapper.failureFor(status));
        assertEquals(expected, new ApiStatusException(status).failure());
    }

    @Test
    void handlesEverythingButTwoHundred() {
        ApiStatusMapper mapper = new ApiStatusMapper();
        assertFalse(mapper.handles(200, null));
        for (int status : new int[] {100, 201, 204, 302, 400, 403, 404, 410, 412, 423, 429, 500, 503}) {
            assertTrue(mapper.handles(status, null), "status " + status);
        }
    }

    @Test
    void runsBeforeTheDefaultMapper() {
        assertTrue(new ApiStatusMapper().getPriority() < Integer.MAX_VALUE);
    }

    @Test
    void theProblemCodesOfTheFailuresAreTheFiltersCodes() {
        assertEquals("verification-not-found", Outcome.VERIFICATION_NOT_FOUND.code());
        assertEquals("verification-expired", Outcome.VERIFICATION_EXPIRED.code());
        assertEquals("verification-not-finished", Outcome.VERIFICATION_NOT_FINISHED.code());
        assertEquals("retrieval-limit-reached", Outcome.RETRIEVAL_LIMIT_REACHED.code());
        assertEquals("failover-rejected", Outcome.FAILOVER_REJECTED.code());
        assertEquals("token-invalid", Outcome.TOKEN_INVALID.code());
        assertEquals("verification-unavailable", Outcome.API_KEY_INVALID.code());
        assertEquals("verification-unavailable", Outcome.UNEXPECTED_RESPONSE.code());
        assertEquals("verification-unavailable", Outcome.UNAVAILABLE.code());
        assertEquals(Outcome.Status.SERVICE_UNAVAILABLE, Outcome.API_KEY_INVALID.status());
        assertEquals(Outcome.Status.REJECT, Outcome.VERIFICATION_EXPIRED.status());
    }
}
