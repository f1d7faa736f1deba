package dev.captchagate.trustcaptcha.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The adaptive limit on calls in flight, on a clock the test moves. */
class ConcurrencyLimitTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private ConcurrencyLimit limit(int upper) {
        return new ConcurrencyLimit(upper, now::get);
    }

    private void advanceMillis(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    private List<ConcurrencyLimit.Call> take(ConcurrencyLimit limit, int calls) {
        List<ConcurrencyLimit.Call> taken = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            taken.add(limit.tryAcquire().orElseThrow(() -> new AssertionError("refused after " + taken.size())));
        }
        return taken;
    }

    /** Runs calls that each take the given latency, the limit full each time, until the limit stops moving. */
    private void answerAtLatency(ConcurrencyLimit limit, long millis, int rounds) {
        for (int round = 0; round < rounds; round++) {
            List<ConcurrencyLimit.Call> calls = new ArrayList<>();
            for (var call = limit.tryAcquire(); call.isPresent(); call = limit.tryAcquire()) {
                calls.add(call.get());
            }
            advanceMillis(millis);
            for (ConcurrencyLimit.Call call : calls) {
                limit.end(call, ConcurrencyLimit.End.ANSWERED);
            }
        }
    }

    /** Outages an interval apart: 150, 75, 37, 18. */
    private void knockDown(ConcurrencyLimit limit, int drops) {
        for (int i = 0; i < drops; i++) {
            advanceMillis(ConcurrencyLimit.DECREASE_INTERVAL_MILLIS);
            limit.end(limit.tryAcquire().orElseThrow(), ConcurrencyLimit.End.DROPPED);
        }
    }

    @Test
    void startsAtTheUpperBoundAndRefusesBeyondTheLimitAtOnce() {
        ConcurrencyLimit limit = limit(150);
        take(limit, 150);
        assertTrue(limit.tryAcquire().isEmpty());
        assertTrue(limit.full());
        assertEquals(1, limit.snapshot().refused());
        assertEquals(150, limit.snapshot().inFlight());
        assertEquals(2, limit(2).snapshot().limit(), "the upper bound");
        assertEquals(2, limit(2).floor(), "and the floor, when it is below ten");
    }

    @Test
    void growsWhileAnswersStayNearTheMinimumLatencyUpToTheUpperBound() {
        ConcurrencyLimit limit = limit(150);
        knockDown(limit, 3);
        assertEquals(18, limit.snapshot().limit());
        answerAtLatency(limit, 50, 3);
        assertEquals(46, limit.snapshot().limit(), "grew by about a third each round: 18, 25, 34, 46");
        answerAtLatency(limit, 50, 20);
        assertEquals(150, limit.snapshot().limit());
        assertEquals(50_000, limit.snapshot().minimumMicros());
    }

    @Test
    void doesNotGrowWhileMostOfItIsUnused() {
        ConcurrencyLimit limit = limit(150);
        knockDown(limit, 3);
        for (int i = 0; i < 1000; i++) {
            ConcurrencyLimit.Call call = limit.tryAcquire().orElseThrow();
            advanceMillis(1);
            limit.end(call, ConcurrencyLimit.End.ANSWERED);
        }
        assertEquals(18, limit.snapshot().limit(), "one call at a time proves nothing about 19");
    }

    @Test
    void shrinksByATenthAnIntervalWhileAnswersAreSlow() {
        ConcurrencyLimit limit = limit(150);
        answerAtLatency(limit, 50, 20);
        assertEquals(150, limit.snapshot().limit());
        answerAtLatency(limit, 500, 1);
        assertEquals(135, limit.snapshot().limit(), "150 slow answers at once: one step");
        // The limit full, slow answers arriving every interval (a call each, started long before): a step each time.
        List<ConcurrencyLimit.Call> started = take(limit, 135);
        advanceMillis(400);
        for (ConcurrencyLimit.Call call : started.subList(0, 30)) {
            advanceMillis(ConcurrencyLimit.DECREASE_INTERVAL_MILLIS);
            limit.end(call, ConcurrencyLimit.End.ANSWERED);
        }
        assertEquals(ConcurrencyLimit.FLOOR, limit.snapshot().limit(), "never below the floor");
    }

    @Test
    void slowAnswersWhileTheLimitIsMostlyUnusedLeaveIt() {
        ConcurrencyLimit limit = limit(150);
        answerAtLatency(limit, 50, 20);
        List<ConcurrencyLimit.Call> started = take(limit, 64);
        advanceMillis(150);
        for (ConcurrencyLimit.Call call : started) {
            advanceMillis(started.indexOf(call) < 10 ? ConcurrencyLimit.DECREASE_INTERVAL_MILLIS : 0);
            limit.end(call, ConcurrencyLimit.End.ANSWERED); // 250 to 1150 ms: slow, not yet stuck
        }
        assertEquals(150, limit.snapshot().limit(), "64 slow calls under a limit of 150 admit no queue");
    }

    @Test
    void followsALastingChangeOfTheMinimumLatencyWithinTwoWindows() {
        ConcurrencyLimit limit = limit(150);
        answerAtLatency(limit, 50, 20);
        answerAtLatency(limit, 500, 1);
        assertTrue(limit.snapshot().limit() < 150, "it shrinks: " + limit.snapshot());
        answerAtLatency(limit, 500, 2 * ConcurrencyLimit.WINDOW_MILLIS / 500 + 1);
        assertEquals(500_000, limit.snapshot().minimumMicros());
        answerAtLatency(limit, 500, 20);
        assertEquals(150, limit.snapshot().limit(), "and grows again at the new latency");
    }

    @Test
    void scheduleNoiseOnAFastApiIsToleratedWithinTheSlackAndNothingUnderTheFloorIsSlow() {
        ConcurrencyLimit limit = limit(150);
        answerAtLatency(limit, 1, 20);
        answerAtLatency(limit, 1 + ConcurrencyLimit.SLACK_MILLIS, 5);
        assertEquals(150, limit.snapshot().limit(), "a few ms more on a busy machine is not a slow API");
        answerAtLatency(limit, ConcurrencyLimit.SLOW_FLOOR_MILLIS, 5);
        assertEquals(150, limit.snapshot().limit(), "nor is a call within the floor, a hundred times the minimum");
        answerAtLatency(limit, ConcurrencyLimit.SLOW_FLOOR_MILLIS + 1, 1);
        assertEquals(135, limit.snapshot().limit(), "beyond it, with the minimum far below, it is");
    }

    @Test
    void anOutageHalvesItDownToTheFloor() {
        ConcurrencyLimit limit = limit(150);
        answerAtLatency(limit, 50, 20);
        ConcurrencyLimit.Call call = limit.tryAcquire().orElseThrow();
        limit.end(call, ConcurrencyLimit.End.DROPPED);
        assertEquals(75, limit.snapshot().limit());
        for (int i = 0; i < 10; i++) {
            limit.end(limit.tryAcquire().orElseThrow(), ConcurrencyLimit.End.DROPPED);
        }
        assertEquals(75, limit.snapshot().limit(), "outages that end together are one signal");
        knockDown(limit, 10);
        assertEquals(ConcurrencyLimit.FLOOR, limit.snapshot().limit());
        limit.end(limit.tryAcquire().orElseThrow(), ConcurrencyLimit.End.IGNORED);
        assertEquals(ConcurrencyLimit.FLOOR, limit.snapshot().limit(), "a fault of ours says nothing");
        assertThrows(IllegalStateException.class, () -> limit.end(call, ConcurrencyLimit.End.ANSWERED));
    }

    @Test
    void callsThatHangShrinkItSoNewCallsAreRefusedLongBeforeTheDeadline() {
        ConcurrencyLimit limit = limit(150);
        answerAtLatency(limit, 50, 20);
        List<ConcurrencyLimit.Call> hanging = take(limit, 150);
        assertTrue(limit.tryAcquire().isEmpty());
        long stuckAfter = ConcurrencyLimit.STUCK_MULTIPLE * 50 + ConcurrencyLimit.STUCK_SLACK_MILLIS;
        advanceMillis(stuckAfter - 1);
        assertEquals(150, limit.snapshot().limit(), "not yet stuck");
        advanceMillis(2);
        assertTrue(limit.full());
        assertEquals(75, limit.snapshot().limit(), "150 calls found stuck at once: halved once");
        assertTrue(limit.tryAcquire().isEmpty(), "no call goes out while they hang");
        // When the hanging calls time out (an interval after they were found stuck), they halve it once more, and
        // only that many calls may go out.
        advanceMillis(ConcurrencyLimit.DECREASE_INTERVAL_MILLIS);
        for (ConcurrencyLimit.Call call : hanging) {
            limit.end(call, ConcurrencyLimit.End.DROPPED);
        }
        assertEquals(0, limit.snapshot().inFlight());
        assertEquals(37, limit.snapshot().limit());
        take(limit, 37);
        assertTrue(limit.tryAcquire().isEmpty());
    }

    @Test
    void beforeAnyAnswerACallIsStuckAfterTwoSeconds() {
        ConcurrencyLimit limit = limit(150);
        take(limit, 150);
        advanceMillis(ConcurrencyLimit.STUCK_BEFORE_ANY_ANSWER_MILLIS - 1);
        assertFalse(limit.tryAcquire().isPresent());
        assertEquals(150, limit.snapshot().limit());
        advanceMillis(2);
        limit.full();
        assertEquals(75, limit.snapshot().limit());
        assertEquals(-1, limit.snapshot().minimumMicros());
        assertTrue(limit.snapshot().toString().contains("minimum latency not seen yet"), limit.snapshot().toString());
    }

    @Test
    void aLateAnswerOfACallFoundStuckIsASlowAnswerNotASecondHalving() {
        ConcurrencyLimit limit = limit(150);
        answerAtLatency(limit, 50, 20);
        ConcurrencyLimit.Call slow = limit.tryAcquire().orElseThrow();
        advanceMillis(2000);
        limit.full();
        assertEquals(75, limit.snapshot().limit());
        limit.end(slow, ConcurrencyLimit.End.ANSWERED);
        assertEquals(75, limit.snapshot().limit(), "not halved again, and one slow call under 75 says nothing more");
    }

    @Test
    void aRefusalBeforeTheBodyIsReadIsCountedAndTakesNothing() {
        ConcurrencyLimit limit = limit(12);
        assertEquals(-1, limit.refuseIfFull());
        take(limit, 12);
        assertEquals(12, limit.refuseIfFull());
        assertEquals(1, limit.snapshot().refused());
        assertEquals(12, limit.snapshot().inFlight());
    }

    @Test
    void latencyIsMeasuredFromTheCallNotFromTheReplayClaimOrThePool() {
        ConcurrencyLimit limit = limit(150);
        answerAtLatency(limit, 50, 20);
        List<ConcurrencyLimit.Call> calls = take(limit, 150);
        advanceMillis(900); // a slow replay store, or a busy pool, before each call starts
        calls.forEach(limit::calling);
        advanceMillis(50);
        calls.forEach(call -> limit.end(call, ConcurrencyLimit.End.ANSWERED));
        assertEquals(150, limit.snapshot().limit(), "the answers came 50 ms after the calls: not slow");
        assertEquals(50_000, limit.snapshot().minimumMicros());
    }

    @Test
    void theUpperBoundCanChangeOnceTheServerIsKnown() {
        ConcurrencyLimit limit = limit(64);
        limit.upper(150);
        assertEquals(150, limit.snapshot().limit(), "a limit at its start moves with the bound");
        knockDown(limit, 2);
        limit.upper(64);
        assertEquals(37, limit.snapshot().limit(), "one below the new bound stays");
        limit.upper(150);
        assertEquals(37, limit.snapshot().limit());
        answerAtLatency(limit, 50, 20);
        assertEquals(150, limit.snapshot().limit(), "and grows up to it");
        limit.upper(24);
        assertEquals(24, limit.snapshot().limit());
        assertThrows(IllegalArgumentException.class, () -> limit.upper(ConcurrencyLimit.FLOOR - 1));
        assertThrows(IllegalArgumentException.class, () -> limit(0));
    }
}
