package dev.captchagate.trustcaptcha.internal.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ResponseBodyTest {

    private static final long NO_DEADLINE = System.nanoTime() + TimeUnit.HOURS.toNanos(1);

    @Test
    void readsABodyUpToTheBound() throws Exception {
        byte[] body = filled(1000);
        assertArrayEquals(body, ResponseBody.read(new ByteArrayInputStream(body), -1, 1000, NO_DEADLINE));
        assertArrayEquals(body, ResponseBody.read(new ByteArrayInputStream(body), 1000, 1000, NO_DEADLINE));
        assertArrayEquals(new byte[0], ResponseBody.read(new ByteArrayInputStream(new byte[0]), 0, 10, NO_DEADLINE));
    }

    @Test
    void refusesADeclaredLengthOverTheBoundWithoutReading() {
        CountingStream in = new CountingStream(filled(10));
        ResponseBody.Unusable refused = assertThrows(ResponseBody.Unusable.class,
                () -> ResponseBody.read(in, 1001, 1000, NO_DEADLINE));
        assertEquals("the answer's body is larger than 1000 bytes", refused.getMessage());
        assertEquals(0, in.served);
    }

    @Test
    void stopsReadingAnUndeclaredBodyJustPastTheBound() {
        CountingStream in = new CountingStream(filled(10 * 1024 * 1024));
        assertThrows(ResponseBody.Unusable.class, () -> ResponseBody.read(in, -1, 1000, NO_DEADLINE));
        assertTrue(in.served <= 1001, "read " + in.served + " bytes");
    }

    @Test
    void stopsAtTheDeadline() {
        CountingStream in = new CountingStream(filled(100));
        ResponseBody.Unusable late = assertThrows(ResponseBody.Unusable.class,
                () -> ResponseBody.read(in, -1, 1000, System.nanoTime() - 1));
        assertEquals("the answer did not arrive in time", late.getMessage());
    }

    @Test
    void stopsWhenTheCallerGaveUp() {
        Thread.currentThread().interrupt();
        try {
            assertThrows(ResponseBody.Unusable.class,
                    () -> ResponseBody.read(new CountingStream(filled(100)), -1, 1000, NO_DEADLINE));
        } finally {
            Thread.interrupted();
        }
    }

    private static byte[] filled(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 'x');
        return bytes;
    }

    /** Serves at most 7 bytes per read, like a network, and counts what it served. */
    private static final class CountingStream extends InputStream {
        private final byte[] data;
        int served;

        CountingStream(byte[] data) {
            this.data = data;
        }

        @Override
        public int read() {
            return served < data.length ? data[served++] : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (served >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 7), data.length - served);
            System.arraycopy(data, served, b, off, n);
            served += n;
            return n;
        }
    }
}
