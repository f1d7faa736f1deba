package dev.captchagate.bench;

import dev.captchagate.trustcaptcha.replay.ReplayStore;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Only in the "memstore" copy of the application: replay protection in a plain concurrent map in this JVM, through
 * the library's documented extension point (an enabled CDI alternative). It isolates what the default store on
 * Payara (the JCache, through a guard pool with a 2 s deadline per call) costs. Unbounded: fine for a benchmark
 * of a few minutes, not for production.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class MapReplayStore implements ReplayStore {

    private final Map<UUID, Long> claimed = new ConcurrentHashMap<>();

    @Override
    public boolean claim(UUID verificationId, long attempt) {
        return claimed.putIfAbsent(verificationId, attempt) == null;
    }

    @Override
    public void release(UUID verificationId, long attempt) {
        claimed.remove(verificationId, attempt);
    }
}
