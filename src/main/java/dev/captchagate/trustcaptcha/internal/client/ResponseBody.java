package dev.captchagate.trustcaptcha.internal.client;

import dev.captchagate.trustcaptcha.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a response body with a size bound and a deadline. A read timeout only bounds the wait for the next byte;
 * the deadline bounds the whole body, so a server that sends one byte per second is cut off. The thread's
 * interrupt flag (set when the caller gave up) stops the reading too.
 */
final class ResponseBody {

    /** A result is well under 2 KiB; anything near this bound is not a result. */
    static final int MAX_BYTES = 64 * 1024;

    private ResponseBody() {
    }

    /** Why a body could not be read; {@link #getMessage()} is log-safe. */
    static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;

        private final transient Outcome failure;

        Unusable(Outcome failure, String detail) {
            super(detail, null, false, false);
            this.failure = failure;
        }

        /** A late body is an outage (TrustCaptcha did not answer in time); an oversized one is not a result. */
        Outcome failure() {
            return failure;
        }
    }

    /**
     * Reads a whole body.
     *
     * @param in the body; not closed here
     * @param declaredLength the {@code Content-Length}, or -1 when unknown
     * @param maxBytes the largest body accepted
     * @param deadlineNanos the {@link System#nanoTime()} by which the body must be complete
     * @return the bytes
     * @throws Unusable when the body is too large, late, or the caller gave up
     * @throws IOException when reading fails
     */
    static byte[] read(InputStream in, long declaredLength, int maxBytes, long deadlineNanos)
            throws Unusable, IOException {
        if (declaredLength > maxBytes) {
            throw tooLarge(maxBytes);
        }
        byte[] buffer = new byte[declaredLength >= 0 ? (int) declaredLength + 1 : Math.min(2048, maxBytes + 1)];
        int length = 0;
        while (true) {
            if (System.nanoTime() - deadlineNanos > 0 || Thread.currentThread().isInterrupted()) {
                throw new Unusable(Outcome.UNAVAILABLE, "the answer did not arrive in time");
            }
            if (length == buffer.length) {
                if (length > maxBytes) {
                    throw tooLarge(maxBytes);
                }
                buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, maxBytes + 1));
            }
            int read = in.read(buffer, length, buffer.length - length);
            if (read < 0) {
                return Arrays.copyOf(buffer, length);
            }
            length += read;
            if (length > maxBytes) {
                throw tooLarge(maxBytes);
            }
        }
    }

    private static Unusable tooLarge(int maxBytes) {
        return new Unusable(Outcome.UNEXPECTED_RESPONSE,
                "the answer's body is larger than " + maxBytes + " bytes");
    }
}
