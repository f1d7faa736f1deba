package dev.captchagate.trustcaptcha.internal.filter;

import dev.captchagate.trustcaptcha.Outcome;
import jakarta.json.Json;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a refusal: an RFC 9457 {@code application/problem+json} body with {@code type}, {@code title},
 * {@code status}, {@code detail} and the stable extension member {@code code}; {@code Cache-Control: no-store};
 * {@code Retry-After} on a 503. After a 413 the container deals with the unread rest of the body as it does for any
 * answer that did not read it (closing the connection there would make some clients, such as Java's own HTTP
 * client, lose the answer while they are still sending).
 */
final class ProblemResponder {

    /** How long a client should wait after a 503. */
    static final int RETRY_AFTER_SECONDS = 5;

    static final String CONTENT_TYPE = "application/problem+json";

    /** Looked up once: {@link Json}'s static methods look the provider up on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private final FilterSettings settings;

    ProblemResponder(FilterSettings settings) {
        this.settings = settings;
    }

    /** The status a refusal gets. */
    int status(Outcome outcome) {
        return switch (outcome.status()) {
            case PAYLOAD_TOO_LARGE -> 413;
            case SERVICE_UNAVAILABLE -> 503;
            case REJECT -> settings.rejectStatus();
            case NONE -> throw new IllegalArgumentException(outcome + " is not a refusal");
        };
    }

    /**
     * Answers with the problem.
     *
     * @param response the response
     * @param outcome the refusal
     * @param hint extra advice for the detail
     * @return false when the response was already committed and nothing could be written
     * @throws IOException when writing fails
     */
    boolean refuse(HttpServletResponse response, Outcome outcome, Problems.Hint hint) throws IOException {
        if (response.isCommitted()) {
            return false;
        }
        Problem problem = problem(outcome, hint);
        response.setStatus(problem.status());
        response.setContentType(CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store");
        if (problem.retryAfter()) {
            response.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        }
        response.setContentLength(problem.body().length);
        OutputStream out = response.getOutputStream();
        out.write(problem.body());
        out.flush();
        return true;
    }

    /** The answer to a refusal. */
    Problem problem(Outcome outcome, Problems.Hint hint) {
        int status = status(outcome);
        byte[] body = json(outcome, status, Problems.detail(outcome, hint, settings)).getBytes(StandardCharsets.UTF_8);
        return new Problem(status, body, status == 503);
    }

    static String json(Outcome outcome, int status, String detail) {
        return JSON.createObjectBuilder()
                .add("type", Problems.type(outcome))
                .add("title", outcome.title())
                .add("status", status)
                .add("detail", detail)
                .add("code", outcome.code())
                .build()
                .toString();
    }
}
