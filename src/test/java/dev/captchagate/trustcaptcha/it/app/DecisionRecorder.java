package dev.captchagate.trustcaptcha.it.app;

import dev.captchagate.trustcaptcha.DecisionEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test application: observes the library's decision events, synchronously and asynchronously, and remembers
 * them; on paths under /boom/ the synchronous observer throws, to show that this changes nothing.
 */
@ApplicationScoped
public class DecisionRecorder {

    /** One observed event. */
    public record Seen(String delivery, String code, boolean enforced, String method, String path, String client) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    void sync(@Observes DecisionEvent event) {
        seen.add(seen("sync", event));
        if (event.path().contains("/boom/")) {
            throw new IllegalStateException("an observer that fails");
        }
    }

    void async(@ObservesAsync DecisionEvent event) {
        seen.add(seen("async", event));
    }

    private static Seen seen(String delivery, DecisionEvent event) {
        return new Seen(delivery, event.decision().code(), event.decision().enforced(), event.method(), event.path(),
                event.clientAddress());
    }

    /** What was observed so far. */
    public List<Seen> seen() {
        return List.copyOf(seen);
    }
}
