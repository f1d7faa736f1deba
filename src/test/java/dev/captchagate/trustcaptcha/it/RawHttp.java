package dev.captchagate.trustcaptcha.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 by hand, for requests no ordinary client sends: a Content-Length that lies, a body that stops early, a
 * chunked body. Reads one response (with a Content-Length or chunked) on a connection that is then closed.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** The status when the server closed the connection without an answer. */
    public static final int NO_ANSWER = -1;

    /** A response: status and body. */
    public record Response(int status, byte[] body) {
    }

    /**
     * Sends a POST.
     *
     * @param port the server's port on 127.0.0.1
     * @param path the path
     * @param headers extra header lines, each "Name: value"
     * @param body the body bytes
     * @param declared the Content-Length to declare; -1 to send the body chunked
     * @return the response
     */
    public static Response post(int port, String path, java.util.List<String> headers, byte[] body, long declared) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(30_000);
            // The whole request in one write: a server that answers early (a 400 for the head, a 413 for the declared
            // length) and closes would otherwise make the next write fail with a broken pipe, depending on timing.
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            StringBuilder head = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1:")
                    .append(port).append("\r\nConnection: close\r\n");
            headers.forEach(line -> head.append(line).append("\r\n"));
            head.append(declared >= 0 ? "Content-Length: " + declared : "Transfer-Encoding: chunked").append("\r\n\r\n");
            request.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (declared >= 0) {
                request.write(body, 0, (int) Math.min(body.length, declared));
            } else {
                for (int at = 0; at < body.length; at += 1000) {
                    int length = Math.min(1000, body.length - at);
                    request.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    request.write(body, at, length);
                    request.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                request.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.toByteArray());
                out.flush();
                socket.shutdownOutput(); // a body shorter than declared then ends, as when a client goes away
            } catch (IOException answeredEarly) {
                // The server answered before it had read everything, and closed: its answer is what counts.
            }
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine.isEmpty()) {
            return new Response(NO_ANSWER, new byte[0]);
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        long length = -1;
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(header.substring(15).strip());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (int size = Integer.parseInt(line(in).split(";")[0].strip(), 16); size > 0;
                    size = Integer.parseInt(line(in).split(";")[0].strip(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
        } else if (length >= 0) {
            body.write(in.readNBytes((int) length));
        } else {
            body.write(in.readAllBytes());
        }
        return new Response(status, body.toByteArray());
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
