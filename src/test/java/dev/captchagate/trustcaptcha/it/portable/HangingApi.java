package dev.captchagate.trustcaptcha.it.portable;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A TrustCaptcha that hangs: it accepts every connection on 127.0.0.1, reads what comes and never answers, as an API
 * host that has stopped responding does. It counts the calls that hang and those that have ended (the client closed
 * the connection, at its timeout), so that a test can tell that no call has given its thread back yet. After
 * {@link #release} it recovers: it drops the calls that hang and every later connection at once.
 */
final class HangingApi implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> held = new ArrayList<>();
    private int ended;
    private boolean released;

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
                synchronized (this) {
                    if (released) {
                        socket.close();
                        ended++;
                        continue;
                    }
                    held.add(socket);
                }
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
            synchronized (this) {
                held.remove(socket);
                ended++;
            }
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** @return the calls that hang now */
    synchronized int hanging() {
        return held.size();
    }

    /** @return the calls that have ended so far, by the client's timeout or by {@link #release} */
    synchronized int ended() {
        return ended;
    }

    /** Recovers: ends every call that hangs now, and every later one at once, as a host that drops connections. */
    void release() throws IOException {
        List<Socket> hangingNow;
        synchronized (this) {
            released = true;
            hangingNow = List.copyOf(held);
        }
        for (Socket socket : hangingNow) {
            socket.close();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        release();
    }
}
