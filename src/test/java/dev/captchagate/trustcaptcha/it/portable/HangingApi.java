package dev.captchagate.trustcaptcha.it.portable;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TrustCaptcha that hangs: it accepts every connection on 127.0.0.1, reads what comes and never answers, as an API
 * host that has stopped responding does. It counts the calls that have ended (the client closed the connection, at
 * its timeout), so that a test can tell that no call has given its thread back yet.
 */
final class HangingApi implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final AtomicInteger ended = new AtomicInteger();

    private HangingApi(ServerSocket server) {
        this.server = server;
        Thread acceptor = new Thread(this::accept, "hanging-api");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static HangingApi start() {
        try {
            return new HangingApi(new ServerSocket(0, 1024, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the hanging API", e);
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                held.add(socket);
                Thread reader = new Thread(() -> drain(socket), "hanging-api-call");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Reads until the client closes (or resets) the connection, then counts the call as ended. */
    private void drain(Socket socket) {
        try (InputStream in = socket.getInputStream()) {
            byte[] buffer = new byte[4096];
            while (in.read(buffer) >= 0) {
                // a request nobody will answer
            }
        } catch (IOException closed) {
            // reset by the client, or released by us
        } finally {
            held.remove(socket);
            ended.incrementAndGet();
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** @return the calls that hang now */
    int hanging() {
        return held.size();
    }

    /** @return the calls that have ended so far, by the client's timeout or by {@link #release} */
    int ended() {
        return ended.get();
    }

    /** Ends every call that hangs now, as a recovering host that drops its connections. */
    void release() throws IOException {
        for (Socket socket : held) {
            socket.close();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        release();
    }
}
