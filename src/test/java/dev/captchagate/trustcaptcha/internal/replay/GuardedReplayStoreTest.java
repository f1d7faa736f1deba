package dev.captchagate.trustcaptcha.internal.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.captchagate.trustcaptcha.replay.MemoryReplayStore;
import dev.captchagate.trustcaptcha.replay.ReplayStore;
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
    private final MemoryReplayStore memory = new MemoryReplayStore(Duration.ofMinutes(1), 10, System::nanoTime);
    /** Counted down when the late store's claim has begun: the test then knows the late write is really made. */
    private final CountDownLatch entered = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        calls.shutdownNow();
    }

    @Test
    void passesAnswersThrough() {
        GuardedReplayStore store = new GuardedReplayStore(memory, Duration.ofSeconds(5), calls);
        UUID id = UUID.randomUUID();
        assertTrue(store.claim(id, 1));
        assertFalse(store.claim(id, 2));
        store.release(id, 2);
        assertFalse(store.claim(id, 3), "a release by another attempt forgets nothing");
        store.release(id, 1);
        assertTrue(store.claim(id, 4));
    }

    @Test
    void failsACallThatDoesNotAnswerWithinTheDeadline() {
        GuardedReplayStore store = new GuardedReplayStore(new ReplayStore() {
            @Override
            public boolean claim(UUID verificationId, long attempt) {
                awaitRelease();
                return true;
            }

            @Override
            public void release(UUID verificationId, long attempt) {
                throw new IllegalStateException("cluster gone");
            }
        }, Duration.ofMillis(200), calls);
        long start = System.nanoTime();
        IllegalStateException late = assertThrows(IllegalStateException.class, () -> store.claim(UUID.randomUUID(), 1));
        assertEquals("the replay store did not answer within 200 ms", late.getMessage());
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 5000);
        assertThrows(IllegalStateException.class, () -> store.release(UUID.randomUUID(), 1));
    }

    @Test
    void takesBackAClaimWrittenAfterTheCallerGaveUp() throws Exception {
        // The cache writes the claim only after our deadline: the client was told 503 before TrustCaptcha was asked,
        // and sends the same token again.
        GuardedReplayStore store = lateStore();
        UUID id = UUID.randomUUID();
        assertThrows(IllegalStateException.class, () -> store.claim(id, 1));
        assertTrue(entered.await(10, TimeUnit.SECONDS), "the store call began, so the write will be late");
        release.countDown();
        calls.shutdown();
        assertTrue(calls.awaitTermination(10, TimeUnit.SECONDS), "the late write and its release ended");
        assertEquals(0, memory.size(), "the late claim was taken back after it landed");
        assertTrue(memory.claim(id, 2), "the same token may be sent again");
    }

    @Test
    void takesBackAClaimThatFailedAfterItWasWritten() throws Exception {
        GuardedReplayStore store = new GuardedReplayStore(new ReplayStore() {
            @Override
            public boolean claim(UUID verificationId, long attempt) {
                memory.claim(verificationId, attempt);
                throw new IllegalStateException("the answer was lost");
            }

            @Override
            public void release(UUID verificationId, long attempt) {
                memory.release(verificationId, attempt);
            }
        }, Duration.ofSeconds(5), calls);
        UUID id = UUID.randomUUID();
        assertThrows(IllegalStateException.class, () -> store.claim(id, 1));
        calls.shutdown();
        assertTrue(calls.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(0, memory.size());
    }

    @Test
    void aLateReleaseNeverForgetsTheClaimOfAnotherAttempt() throws Exception {
        GuardedReplayStore store = lateStore();
        UUID id = UUID.randomUUID();
        assertThrows(IllegalStateException.class, () -> store.claim(id, 1));
        assertTrue(entered.await(10, TimeUnit.SECONDS), "the store call began, so the write will be late");
        assertTrue(memory.claim(id, 2), "another attempt claims the id while the first call hangs");
        release.countDown();
        calls.shutdown();
        assertTrue(calls.awaitTermination(10, TimeUnit.SECONDS));
        assertFalse(memory.claim(id, 3), "the first attempt's release left the second attempt's claim alone");
    }

    /** A store that writes each claim into memory only once the test releases it: after the 100 ms deadline. */
    private GuardedReplayStore lateStore() {
        return new GuardedReplayStore(new ReplayStore() {
            @Override
            public boolean claim(UUID verificationId, long attempt) {
                entered.countDown();
                awaitRelease();
                return memory.claim(verificationId, attempt);
            }

            @Override
            public void release(UUID verificationId, long attempt) {
                memory.release(verificationId, attempt);
            }
        }, Duration.ofMillis(100), calls);
    }

    private void awaitRelease() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
