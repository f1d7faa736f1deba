package dev.captchagate.trustcaptcha.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GuardedReplayStoreTest {

    private final ExecutorService calls = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        calls.shutdownNow();
    }

    @Test
    void passesAnswersThrough() {
        GuardedReplayStore store = new GuardedReplayStore(
                new MemoryReplayStore(Duration.ofMinutes(1), 10, System::nanoTime), Duration.ofSeconds(5), calls);
        UUID id = UUID.randomUUID();
        assertTrue(store.claim(id));
        assertFalse(store.claim(id));
        store.release(id);
        assertTrue(store.claim(id));
    }

    @Test
    void failsACallThatDoesNotAnswerWithinTheDeadline() {
        GuardedReplayStore store = new GuardedReplayStore(new ReplayStore() {
            @Override
            public boolean claim(UUID verificationId) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return true;
            }

            @Override
            public void release(UUID verificationId) {
                throw new IllegalStateException("cluster gone");
            }
        }, Duration.ofMillis(200), calls);
        long start = System.nanoTime();
        IllegalStateException late = assertThrows(IllegalStateException.class, () -> store.claim(UUID.randomUUID()));
        assertEquals("the replay store did not answer within 200 ms", late.getMessage());
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 5000);
        assertThrows(IllegalStateException.class, () -> store.release(UUID.randomUUID()));
    }
}
