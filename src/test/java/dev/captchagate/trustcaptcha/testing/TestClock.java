package dev.captchagate.trustcaptcha.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A wall clock that a test sets and moves, in UTC. */
public final class TestClock extends Clock {

    private volatile Instant now;

    /**
     * A clock.
     *
     * @param now the time it shows at first
     */
    public TestClock(Instant now) {
        this.now = now;
    }

    /**
     * Moves it on.
     *
     * @param duration how far
     */
    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    /**
     * Sets it.
     *
     * @param instant the time it shows from now on
     */
    public void set(Instant instant) {
        now = instant;
    }

    @Override
    public ZoneOffset getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
        return now;
    }
}
