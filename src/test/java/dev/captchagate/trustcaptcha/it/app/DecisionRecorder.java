package dev.captchagate.trustcaptcha.it.app;

import dev.captchagate.trustcaptcha.DecisionEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

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
        add(seen("sync", event));
        if (event.path().contains("/boom/")) {
            throw new IllegalStateException("an observer that fails");
        }
    }

    void async(@ObservesAsync DecisionEvent event) {
        add(seen("async", event));
    }

    private synchronized void add(Seen event) {
        seen.add(event);
        notifyAll();
    }

    /**
     * Waits until an event matching the condition was observed (asynchronous observers run on another thread).
     *
     * @param condition what to wait for
     * @param timeout the longest wait
     * @return whether such an event was observed in time
     * @throws InterruptedException when interrupted
     */
    public synchronized boolean await(Predicate<Seen> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (seen.stream().noneMatch(condition)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
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
