package dev.captchagate.trustcaptcha.it;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Captures every line the test servers print. The Arquillian connector copies a server's output to
 * {@code System.out} of the test JVM ({@link TestServer} says how); this tees it into memory, for tests that assert
 * on log lines (a failed deployment's message, no secret in any line). Installed once per test JVM, by
 * {@link ServerItExtension} before the first server starts.
 */
public final class ServerLog {

    private static final ConcurrentLinkedQueue<String> LINES = new ConcurrentLinkedQueue<>();
    private static boolean installed;

    private ServerLog() {
    }

    /** Starts capturing; later calls do nothing. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        PrintStream original = System.out;
        System.setOut(new PrintStream(new LineTee(original), true, StandardCharsets.UTF_8));
    }

    /** Every line captured so far. */
    public static List<String> lines() {
        return new ArrayList<>(LINES);
    }

    /** The captured lines as one text. */
    public static String text() {
        return String.join("\n", LINES);
    }

    /** As {@link #awaitText(String, Duration)}, waiting up to 10 seconds. */
    public static boolean awaitText(String expected) {
        return awaitText(expected, Duration.ofSeconds(10));
    }

    /**
     * Whether the captured text contains something, waiting for it a while: the server's output reaches this JVM a
     * little after the request that caused it was answered.
     */
    public static boolean awaitText(String expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (LINES) {
            while (!text().contains(expected)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(LINES, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    private static final class LineTee extends OutputStream {
        private final PrintStream original;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineTee(PrintStream original) {
            this.original = original;
        }

        @Override
        public synchronized void write(int b) {
            original.write(b);
            if (b == '\n') {
                synchronized (LINES) {
                    LINES.add(line.toString(StandardCharsets.UTF_8));
                    LINES.notifyAll();
                }
                line.reset();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                write(bytes[i]);
            }
        }

        @Override
        public void flush() {
            original.flush();
        }
    }
}
