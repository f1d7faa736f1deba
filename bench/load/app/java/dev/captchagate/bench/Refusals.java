package dev.captchagate.bench;

import dev.captchagate.trustcaptcha.DecisionEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the filter's decisions by code and reason (the decision's detail with digits blanked), so that the
 * benchmark can say why a request was refused (for example "replay store failed" versus "verification slots are
 * busy" versus "circuit open"), which the 503 answer itself does not tell.
 */
@ApplicationScoped
public class Refusals {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void count(@Observes DecisionEvent event) {
        String key = event.decision().accepted() ? "accepted"
                : event.decision().code() + " (" + String.valueOf(event.decision().detail()).replaceAll("[0-9]+", "N")
                        + ")";
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    /** The counts so far, sorted by key; optionally forgets them. */
    Map<String, Long> snapshot(boolean reset) {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((key, adder) -> copy.put(key, reset ? adder.sumThenReset() : adder.sum()));
        copy.values().removeIf(value -> value == 0);
        return copy;
    }
}
