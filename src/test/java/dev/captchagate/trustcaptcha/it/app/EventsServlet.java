package dev.captchagate.trustcaptcha.it.app;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Test application: lists the decision events the application observed; with {@code delivery}, {@code path},
 * {@code code} and {@code waitMs}, first waits (by condition) until such an event was observed or the time is up.
 */
@WebServlet("/events")
public class EventsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private transient DecisionRecorder recorder;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String waitMs = request.getParameter("waitMs");
        if (waitMs != null) {
            String delivery = request.getParameter("delivery");
            String path = request.getParameter("path");
            String code = request.getParameter("code");
            try {
                recorder.await(seen -> seen.delivery().equals(delivery) && seen.path().equals(path)
                        && seen.code().equals(code), Duration.ofMillis(Long.parseLong(waitMs)));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        JsonArrayBuilder events = Json.createArrayBuilder();
        for (DecisionRecorder.Seen seen : recorder.seen()) {
            events.add(Json.createObjectBuilder().add("delivery", seen.delivery()).add("code", seen.code())
                    .add("enforced", seen.enforced()).add("method", seen.method()).add("path", seen.path())
                    .add("client", String.valueOf(seen.client())));
        }
        response.setContentType("application/json");
        response.getOutputStream().write(events.build().toString().getBytes(StandardCharsets.UTF_8));
    }
}
