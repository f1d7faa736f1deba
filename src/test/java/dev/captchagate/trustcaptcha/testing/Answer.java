package dev.captchagate.trustcaptcha.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What the {@link FakeTrustCaptchaApi} answers to one request: a status, headers and a body, possibly late,
 * dripping, or not at all. Immutable; the {@code with...} methods return changed copies.
 */
public final class Answer {

    private enum Kind { RESPOND, SILENCE, HANG_UP }

    private final Kind kind;
    private final int status;
    private final String contentType;
    private final byte[] body;
    private final Map<String, String> headers;
    private final Duration delay;
    private final Duration drip;
    private final boolean onceOnly;

    private Answer(Kind kind, int status, String contentType, byte[] body, Map<String, String> headers,
                   Duration delay, Duration drip, boolean onceOnly) {
        this.kind = kind;
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.headers = headers;
        this.delay = delay;
        this.drip = drip;
        this.onceOnly = onceOnly;
    }

    /** A status with an empty body. */
    public static Answer status(int status) {
        return body(status, null, new byte[0]);
    }

    /** A status with a body. */
    public static Answer body(int status, String contentType, String body) {
        return body(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A status with a body. */
    public static Answer body(int status, String contentType, byte[] body) {
        return new Answer(Kind.RESPOND, status, contentType, body, Map.of(), Duration.ZERO, null, false);
    }

    /** 200 with a result JSON, as the live API sends it. */
    public static Answer result(String json) {
        return body(200, "application/json", json);
    }

    /** 200 with a result JSON, fetchable once: afterwards the id answers 429, like the live API. */
    public static Answer resultOnce(String json) {
        return result(json).once();
    }

    /** A 302 to another place. */
    public static Answer redirect(String location) {
        return new Answer(Kind.RESPOND, 302, null, new byte[0], Map.of("Location", location), Duration.ZERO,
                null, false);
    }

    /** Accepts the request and never answers (until the client or the fake closes the connection). */
    public static Answer silence() {
        return new Answer(Kind.SILENCE, 0, null, new byte[0], Map.of(), Duration.ZERO, null, false);
    }

    /** Closes the connection without a word. */
    public static Answer hangUp() {
        return new Answer(Kind.HANG_UP, 0, null, new byte[0], Map.of(), Duration.ZERO, null, false);
    }

    /** The same answer, written only after a delay. */
    public Answer after(Duration delay) {
        return new Answer(kind, status, contentType, body, headers, Objects.requireNonNull(delay), drip, onceOnly);
    }

    /** The same answer, with the head at once and then the body one byte per interval. */
    public Answer dripping(Duration interval) {
        return new Answer(kind, status, contentType, body, headers, delay, Objects.requireNonNull(interval),
                onceOnly);
    }

    /** The same answer for the first request of an id; later requests for it get 429. */
    public Answer once() {
        return new Answer(kind, status, contentType, body, headers, delay, drip, true);
    }

    /** The answer to give now; {@code served} is told when an once-only answer is used up. */
    Answer next(Runnable served) {
        if (onceOnly) {
            served.run();
        }
        return this;
    }

    /** Writes the answer; returns whether the connection can carry another request. */
    boolean write(FakeTrustCaptchaApi.Exchange exchange) throws IOException, InterruptedException {
        if (!delay.isZero() && !exchange.pause(delay)) {
            return false;
        }
        switch (kind) {
            case SILENCE:
                exchange.holdUntilClosed();
                return false;
            case HANG_UP:
                return false;
            default:
                break;
        }
        OutputStream out = exchange.out();
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason()).append("\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        if (drip == null) {
            out.write(body);
            out.flush();
            return true;
        }
        for (byte b : body) {
            if (!exchange.pause(drip)) {
                return false;
            }
            out.write(b);
            out.flush();
        }
        return true;
    }

    private String reason() {
        switch (status) {
            case 200: return "OK";
            case 302: return "Found";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 410: return "Gone";
            case 412: return "Precondition Failed";
            case 423: return "Locked";
            case 429: return "Too Many Requests";
            case 500: return "Internal Server Error";
            case 502: return "Bad Gateway";
            case 503: return "Service Unavailable";
            default: return "Status";
        }
    }
}
