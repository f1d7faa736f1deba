package dev.captchagate.trustcaptcha.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.ProcessingException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class TransportTest {

    @Test
    void namesEachTransportFailureFromTheCauseChain() {
        assertEquals("connection refused", Transport.describe(wrapped(new ConnectException("Connection refused"))));
        assertEquals("connect timed out", Transport.describe(wrapped(new SocketTimeoutException("Connect timed out"))));
        assertEquals("read timed out", Transport.describe(wrapped(new SocketTimeoutException("Read timed out"))));
        assertEquals("read timed out", Transport.describe(wrapped(new SocketTimeoutException())));
        assertEquals("unknown host", Transport.describe(wrapped(new UnknownHostException("api.example"))));
        assertEquals("no route to host", Transport.describe(wrapped(new NoRouteToHostException())));
        assertEquals("TLS failure (SSLHandshakeException)",
                Transport.describe(wrapped(new SSLHandshakeException("PKIX path building failed"))));
        assertEquals("connection failed (SocketException)",
                Transport.describe(wrapped(new SocketException("Connection reset"))));
        assertEquals("the answer did not arrive in time", Transport.describe(wrapped(new InterruptedIOException())));
    }

    @Test
    void namesAnythingElseByItsTypeOnly() {
        assertEquals("client failure (jakarta.ws.rs.ProcessingException)",
                Transport.describe(wrapped(new IOException("secret details"))));
        assertEquals("client failure (java.lang.IllegalStateException)",
                Transport.describe(new IllegalStateException("Bearer ak_leak")));
    }

    private static ProcessingException wrapped(Exception cause) {
        return new ProcessingException(cause);
    }
}
