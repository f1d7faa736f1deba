package dev.captchagate.trustcaptcha.internal.ops;

import dev.captchagate.trustcaptcha.internal.client.ClientState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the health checks report, from the client's state: pure functions, so that every figure and state is
 * unit-tested.
 *
 * <p>Readiness stays UP during a TrustCaptcha outage unless {@code trustcaptcha.health.down-when-unreachable} is
 * set, and even then is DOWN only while the breaker refuses calls (open until its delay is over, or its trial in
 * flight): an instance taken out of rotation gets no request to become the trial that closes the breaker, so it
 * must come back once the delay is over. The application still answers during an outage (refusing, or letting
 * tokens through where the policy fails open), and an orchestrator that pulled every instance out of rotation
 * because a third party is down would make the outage total.
 * A refused API key is reported as data and never makes a check DOWN either: a third party's answer must not get
 * instances restarted or taken out of rotation. There is no liveness check, for the same reason.
 */
final class HealthReports {

    /** The name both checks answer under. */
    static final String NAME = "trustcaptcha";

    private HealthReports() {
    }

    /**
     * The readiness report.
     *
     * @param state the client's state
     * @param replayStore the replay store in use ({@code memory}, {@code jcache:<name>})
     * @param downWhenUnreachable whether a breaker that refuses calls makes readiness DOWN
     * @return UP, unless asked to be DOWN while the breaker refuses calls; the data in every case
     */
    static HealthReport readiness(ClientState state, String replayStore, boolean downWhenUnreachable) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (state.application() != null) {
            data.put("application", state.application());
        }
        data.put("breaker", state.breaker());
        data.put("last-failure", state.lastFailure() == null ? "none" : state.lastFailure());
        if (state.lastFailureAt() != null) {
            data.put("last-failure-at", state.lastFailureAt().toString());
        }
        data.put("calls-in-flight", (long) state.callsInFlight());
        data.put("concurrency-limit", (long) state.limit());
        data.put("concurrency-limit-upper", (long) state.upperLimit());
        data.put("concurrency-refused", state.limitRefused());
        data.put("replay-store", replayStore);
        data.put("api-key", state.apiKey());
        if (state.apiKeyAt() != null) {
            data.put("api-key-at", state.apiKeyAt().toString());
        }
        data.put("down-when-unreachable", downWhenUnreachable);
        return new HealthReport(!(downWhenUnreachable && state.breakerRefuses()), data);
    }

    /**
     * The start-up report: the configuration is valid and the API key is there. Never shows the key, nor the
     * problems' text (it may quote values); the log has them.
     *
     * @param problems the configuration's problems
     * @param keyPresent whether an API key is configured
     * @return UP when there are no problems and a key
     */
    static HealthReport startup(List<String> problems, boolean keyPresent) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("configuration", problems.isEmpty() ? "valid" : "invalid");
        data.put("configuration-problems", (long) problems.size());
        data.put("api-key", keyPresent ? "present" : "missing");
        return new HealthReport(problems.isEmpty() && keyPresent, data);
    }
}
