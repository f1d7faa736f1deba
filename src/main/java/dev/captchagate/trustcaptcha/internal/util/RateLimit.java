package dev.captchagate.trustcaptcha.internal.util;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** At most a number of events a minute; tells how many were refused since the last one permitted. */
public final class RateLimit {

    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    private final int perMinute;
    private final LongSupplier clock;
    private long windowStart;
    private int permitted;
    private int refused;

    /**
     * A limit.
     *
     * @param perMinute events permitted per minute
     * @param clock nanoseconds
     */
    public RateLimit(int perMinute, LongSupplier clock) {
        this.perMinute = perMinute;
        this.clock = clock;
        this.windowStart = clock.getAsLong();
    }

    /**
     * Counts one event.
     *
     * @return -1 when this event must be left out, else how many were left out before it
     */
    public synchronized int permit() {
        long now = clock.getAsLong();
        if (now - windowStart >= MINUTE) {
            windowStart = now;
            permitted = 0;
        }
        if (permitted >= perMinute) {
            refused++;
            return -1;
        }
        permitted++;
        int left = refused;
        refused = 0;
        return left;
    }
}
