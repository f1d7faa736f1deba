package dev.captchagate.trustcaptcha.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MemoryReplayStoreTest {

    private final AtomicLong now = new AtomicLong(42);
    private final MemoryReplayStore store = new MemoryReplayStore(Duration.ofMinutes(15), 3, now::get);

    @Test
    void refusesASecondClaimUntilTheTimeToLiveHasPassed() {
        UUID id = UUID.randomUUID();
        assertTrue(store.claim(id, 1));
        assertFalse(store.claim(id, 1));
        now.addAndGet(Duration.ofMinutes(15).toNanos() - 1);
        assertFalse(store.claim(id, 1), "still inside the time to live");
        now.addAndGet(1);
        assertTrue(store.claim(id, 1), "expired exactly at the time to live");
    }

    @Test
    void forgetsAReleasedClaim() {
        UUID id = UUID.randomUUID();
        assertTrue(store.claim(id, 1));
        store.release(id, 1);
        assertTrue(store.claim(id, 1));
    }

    @Test
    void aReleaseForgetsOnlyTheClaimOfItsOwnAttempt() {
        UUID id = UUID.randomUUID();
        assertTrue(store.claim(id, 1));
        store.release(id, 2);
        assertFalse(store.claim(id, 3), "another attempt's release left the claim in place");
        store.release(id, 1);
        assertTrue(store.claim(id, 4));
    }

    @Test
    void remembersAQuarterMillionIdsByDefault() {
        MemoryReplayStore defaults = new MemoryReplayStore(Duration.ofMinutes(15),
                MemoryReplayStore.DEFAULT_CAPACITY, now::get);
        UUID first = UUID.randomUUID();
        assertTrue(defaults.claim(first, 1));
        for (int i = 1; i < 250_000; i++) {
            assertTrue(defaults.claim(new UUID(i, -i), 1));
        }
        assertEquals(250_000, defaults.size());
        assertFalse(defaults.claim(first, 2), "the oldest of 250,000 is still remembered");
        assertTrue(defaults.claim(UUID.randomUUID(), 1));
        assertTrue(defaults.claim(first, 3), "the 250,001st made room by forgetting the oldest");
    }

    @Test
    void holdsAtMostItsBoundForgettingTheOldestFirst() {
        UUID first = UUID.randomUUID();
        store.claim(first, 1);
        for (int i = 0; i < 3; i++) {
            assertTrue(store.claim(UUID.randomUUID(), 1));
        }
        assertEquals(3, store.size());
        assertTrue(store.claim(first, 1), "the oldest was forgotten to make room");
    }

    @Test
    void expiresOldClaimsAsTimePasses() {
        store.claim(UUID.randomUUID(), 1);
        now.addAndGet(Duration.ofMinutes(10).toNanos());
        store.claim(UUID.randomUUID(), 1);
        now.addAndGet(Duration.ofMinutes(6).toNanos());
        assertEquals(1, store.size());
    }

    @Test
    void exactlyOneOfManyConcurrentClaimsWins() throws Exception {
        MemoryReplayStore shared = new MemoryReplayStore(Duration.ofMinutes(1), 1000, System::nanoTime);
        UUID id = UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> claims = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                claims.add(pool.submit(() -> {
                    start.await();
                    return shared.claim(id, ThreadLocalRandom.current().nextLong());
                }));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> claim : claims) {
                won += claim.get(10, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(1, won);
        } finally {
            pool.shutdownNow();
        }
    }
}
