package dev.captchagate.trustcaptcha.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The memory store's default capacity fits its heap budget: measured with the JDK's class histogram of this JVM
 * (exact sizes of the live objects, no timing), with the store full.
 */
class MemoryReplayStoreFootprintTest {

    private static final long BUDGET = 24L * 1024 * 1024;

    @Test
    void aQuarterMillionIdsFitInTwentyFourMebibytes() throws Exception {
        MemoryReplayStore store = new MemoryReplayStore(Duration.ofMinutes(15), MemoryReplayStore.DEFAULT_CAPACITY,
                System::nanoTime);
        for (int i = 0; i < MemoryReplayStore.DEFAULT_CAPACITY; i++) {
            store.claim(UUID.randomUUID(), i);
        }
        assertEquals(MemoryReplayStore.DEFAULT_CAPACITY, store.size());
        long claims = bytesOf(histogram(), "dev.captchagate.trustcaptcha.replay.MemoryReplayStore$Claim");
        long entries = bytesOf(histogram(), "java.util.LinkedHashMap$Entry");
        // The map's table: the next power of two above capacity / 0.75, one compressed reference a slot.
        long table = 4L * Integer.highestOneBit((int) (MemoryReplayStore.DEFAULT_CAPACITY / 0.75) * 2 - 1);
        long total = claims + entries + table;
        assertTrue(total <= BUDGET, "250,000 ids take " + total + " bytes (claims " + claims + ", entries " + entries
                + " (every LinkedHashMap of this JVM), table " + table + ")");
        assertEquals(MemoryReplayStore.DEFAULT_CAPACITY, store.size(), "the store stayed reachable until measured");
    }

    private static String histogram() throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(ProcessHandle.current().pid()),
                "GC.class_histogram").redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "jcmd did not end");
        assertEquals(0, process.exitValue(), new String(out, StandardCharsets.UTF_8));
        return new String(out, StandardCharsets.UTF_8);
    }

    private static long bytesOf(String histogram, String className) {
        for (String line : histogram.split("\n")) {
            String[] columns = line.strip().split("\\s+");
            if (columns.length >= 4 && columns[3].equals(className)) {
                return Long.parseLong(columns[2]);
            }
        }
        throw new AssertionError(className + " not in the histogram");
    }
}
