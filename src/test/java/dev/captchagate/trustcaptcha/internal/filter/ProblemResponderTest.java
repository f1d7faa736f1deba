package dev.captchagate.trustcaptcha.internal.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.captchagate.trustcaptcha.Outcome;
import dev.captchagate.trustcaptcha.testing.TestResponse;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class ProblemResponderTest {

    private final ProblemResponder responder = new ProblemResponder(FilterSettings.defaults());

    @Test
    void writesTheProblemWithItsHeaders() throws IOException {
        TestResponse response = new TestResponse();
        assertTrue(responder.refuse(response, Outcome.UNAVAILABLE, Problems.Hint.NONE));
        assertEquals(503, response.getStatus());
        assertEquals("application/problem+json", response.getContentType());
        assertEquals("no-store", response.getHeader("Cache-Control"));
        assertEquals("5", response.getHeader("Retry-After"));
        assertEquals("{\"type\":\"tag:captchagate.dev,2026:trustcaptcha/verification-unavailable\","
                + "\"title\":\"CAPTCHA verification unavailable\",\"status\":503,"
                + "\"detail\":\"The CAPTCHA could not be verified right now. Try again later.\","
                + "\"code\":\"verification-unavailable\"}", response.body());
    }

    @Test
    void writesNothingToACommittedResponse() throws IOException {
        TestResponse response = new TestResponse().committed();
        assertFalse(responder.refuse(response, Outcome.TOKEN_MISSING, Problems.Hint.NONE));
        assertEquals(200, response.getStatus());
        assertEquals(0, response.bodyLength());
    }

    @Test
    void escapesTheDetailAsJson() {
        String detail = "a \"quoted\" \\ back\n\u0001 \u2028 end";
        String json = ProblemResponder.json(Outcome.TOKEN_MISSING, 403, detail);
        assertEquals("{\"type\":\"tag:captchagate.dev,2026:trustcaptcha/token-missing\",\"title\":\"CAPTCHA token "
                + "missing\",\"status\":403,\"detail\":\"a \\\"quoted\\\" \\\\ back\\n\\u0001 \u2028 end\",\"code\":"
                + "\"token-missing\"}", json);
        JsonObject problem = Json.createReader(new StringReader(json)).readObject();
        assertEquals(detail, problem.getString("detail"), "the detail reads back exactly");
        // JSON-P leaves U+2028 as it is (valid JSON; a problem body is never evaluated as script), where the hand-made
        // escaping before it wrote \u2028. The details the filter writes never hold one: they come from the settings.
    }
}
