package dev.captchagate.trustcaptcha.internal.filter;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a request body into memory with a hard cap: a declared {@code Content-Length} over the cap is refused
 * before reading anything; an undeclared (chunked) body is counted while it is read. At most {@code max} bytes are
 * kept; one more byte is read only to prove that a body is larger than allowed.
 *
 * <p>The rest of a refused body is then discarded, up to {@value #DISCARD_LIMIT} bytes, without keeping any of it,
 * so that the client can read the 413: a server that closes a connection with unread data makes the client's TCP
 * stack reset it, and the answer is lost (measured on Payara Micro with Java's HTTP client). Larger bodies are left
 * unread; clients that send them should ask with {@code Expect: 100-continue}.
 */
final class BodyReader {

    /** The most bytes of a refused body read and thrown away. */
    static final int DISCARD_LIMIT = 1024 * 1024;

    /** The first buffer of a body: larger ones grow as bytes arrive. */
    static final int FIRST_BUFFER = 8192;

    private BodyReader() {
    }

    /**
     * A body, or why there is none.
     *
     * @param bytes the body; for one too large, what was read of it (null when nothing was)
     * @param tooLarge whether it is larger than allowed
     * @param unreadable whether reading it failed
     */
    record Body(byte[] bytes, boolean tooLarge, boolean unreadable) {
        static final Body UNREADABLE = new Body(null, false, true);

        static Body tooLarge(byte[] head) {
            return new Body(head, true, false);
        }
    }

    /**
     * Reads the whole body.
     *
     * @param request the request
     * @param max the most bytes accepted
     * @param discardRefused whether the rest of a body that is too large is read and thrown away (when enforcing);
     *     otherwise (monitor mode) what was read of it is kept, for the application
     * @return the body (exactly as long as it is), a body too large, or {@link Body#UNREADABLE}
     */
    static Body read(HttpServletRequest request, int max, boolean discardRefused) {
        try {
            return read(request.getInputStream(), request.getContentLengthLong(), max, discardRefused);
        } catch (IOException | IllegalStateException unreadable) {
            // The client went away or stalled past the container's timeout, or an earlier filter already took
            // the body with getReader().
            return Body.UNREADABLE;
        }
    }

    /**
     * Reads a whole body from a stream, as {@link #read(HttpServletRequest, int, boolean)} does (a JAX-RS entity).
     *
     * @param in the body
     * @param declared its declared length, or -1
     * @param max the most bytes accepted
     * @param discardRefused whether the rest of a body that is too large is read and thrown away
     * @return the body (exactly as long as it is), or a body too large
     * @throws IOException when reading fails
     */
    static Body read(InputStream in, long declared, int max, boolean discardRefused) throws IOException {
        if (declared > max) {
            if (discardRefused && declared <= DISCARD_LIMIT) {
                discard(in, DISCARD_LIMIT);
            }
            return Body.tooLarge(null);
        }
        Body body = read(in, declared, max);
        if (body.tooLarge() && discardRefused) {
            discard(in, DISCARD_LIMIT - max - 1);
            return Body.tooLarge(null);
        }
        return body;
    }

    /**
     * Reads and forgets up to {@code limit} bytes; stops early at the end of the body, or when the client stops
     * sending: the body is refused either way, so a failure here changes nothing.
     */
    static void discard(InputStream in, long limit) {
        byte[] scratch = new byte[8192];
        long left = limit;
        try {
            while (left > 0) {
                int read = in.read(scratch, 0, (int) Math.min(scratch.length, left));
                if (read < 0) {
                    return;
                }
                left -= read;
            }
        } catch (IOException clientGone) {
            // nothing more to discard
        }
    }

    /**
     * Reads a body of at most {@code max} bytes (one more proves it too large). The buffer grows as bytes arrive,
     * from {@value #FIRST_BUFFER} bytes, doubling: a declared {@code Content-Length} is never allocated up front,
     * so a request that only claims a large body costs what it sent, not what it claimed.
     */
    static Body read(InputStream in, long declared, int max) throws IOException {
        long expected = declared >= 0 ? Math.min(declared, max) : max;
        byte[] buffer = new byte[(int) Math.min(expected, FIRST_BUFFER)];
        int length = 0;
        while (true) {
            if (length == buffer.length) {
                if (length == max || length == declared) {
                    int more = in.read();
                    if (more < 0) {
                        return new Body(buffer, false, false);
                    }
                    if (length == max) {
                        byte[] head = Arrays.copyOf(buffer, length + 1);
                        head[length] = (byte) more;
                        return Body.tooLarge(head);
                    }
                    // More than declared, which a container does not let through; keep counting anyway.
                    expected = max;
                    buffer = grown(buffer, expected);
                    buffer[length++] = (byte) more;
                    continue;
                }
                buffer = grown(buffer, expected);
            }
            int read = in.read(buffer, length, buffer.length - length);
            if (read < 0) {
                return new Body(length == buffer.length ? buffer : Arrays.copyOf(buffer, length), false, false);
            }
            length += read;
        }
    }

    private static byte[] grown(byte[] buffer, long expected) {
        long doubled = Math.max((long) buffer.length * 2, FIRST_BUFFER);
        return Arrays.copyOf(buffer, (int) Math.min(doubled, expected));
    }
}
