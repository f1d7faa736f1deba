package dev.captchagate.trustcaptcha.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A port on 127.0.0.1 where connecting hangs: a listener that never accepts, whose backlog is already full, so
 * the kernel drops further connection attempts and the client's connect timeout decides. (Loopback only: no
 * packet leaves the machine.)
 */
public final class StalledListener implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> fillers = new ArrayList<>();

    private StalledListener(ServerSocket server) {
        this.server = server;
    }

    /** Opens the listener and fills its backlog. */
    public static StalledListener start() {
        try {
            StalledListener listener = new StalledListener(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            // Linux queues backlog + 1 connections; a few more make sure the queue is full.
            for (int i = 0; i < 4; i++) {
                Socket filler = new Socket();
                try {
                    filler.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.port()), 200);
                    listener.fillers.add(filler);
                } catch (IOException full) {
                    filler.close();
                    break;
                }
            }
            return listener;
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a stalled listener", e);
        }
    }

    /** The port. */
    public int port() {
        return server.getLocalPort();
    }

    /** The base URL. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    public void close() throws IOException {
        for (Socket filler : fillers) {
            filler.close();
        }
        server.close();
    }
}
