package dev.captchagate.trustcaptcha.internal.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BodyReaderTest {

    private static final int SIXTEEN_MIB = 16 * 1024 * 1024;

    @Test
    void aBodyThatOnlyClaimsToBeLargeCostsWhatItSent() throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        byte[] sent = bytes(100);
        BodyReader.read(new ByteArrayInputStream(sent), SIXTEEN_MIB, SIXTEEN_MIB); // warm up
        long before = threads.getThreadAllocatedBytes(thread);
        BodyReader.Body body = BodyReader.read(new ByteArrayInputStream(sent), SIXTEEN_MIB, SIXTEEN_MIB);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertArrayEquals(sent, body.bytes());
        assertTrue(allocated < 256 * 1024, "allocated " + allocated + " bytes for a 100-byte body claiming 16 MiB");
    }

    @Test
    void theBufferGrowsAsBytesArriveAndKeepsEveryByte() throws IOException {
        for (int size : new int[] {0, 1, BodyReader.FIRST_BUFFER - 1, BodyReader.FIRST_BUFFER,
            BodyReader.FIRST_BUFFER + 1, 100_000, 300_000}) {
            byte[] sent = bytes(size);
            assertArrayEquals(sent, BodyReader.read(dribble(sent), size, 300_000).bytes(), "declared " + size);
            assertArrayEquals(sent, BodyReader.read(dribble(sent), -1, 300_000).bytes(), "chunked " + size);
            assertArrayEquals(sent, BodyReader.read(dribble(sent), SIXTEEN_MIB, SIXTEEN_MIB).bytes(),
                    "claiming more, " + size);
        }
    }

    @Test
    void oneByteOverTheLimitIsTooLargeWhateverWasDeclared() throws IOException {
        byte[] sent = bytes(20_001);
        for (long declared : new long[] {-1, 10, 20_000}) {
            BodyReader.Body body = BodyReader.read(dribble(sent), declared, 20_000);
            assertTrue(body.tooLarge(), "declared " + declared);
            assertArrayEquals(sent, body.bytes());
        }
        assertFalse(BodyReader.read(dribble(bytes(20_000)), -1, 20_000).tooLarge());
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    /** A stream that hands out at most 777 bytes a read, as a network does. */
    private static InputStream dribble(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 777));
            }
        };
    }
}
