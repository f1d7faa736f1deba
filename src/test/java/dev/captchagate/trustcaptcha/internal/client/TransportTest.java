package dev.captchagate.trustcaptcha.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.captchagate.trustcaptcha.Outcome;
import dev.captchagate.trustcaptcha.Verification;
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
    void onlyFailuresToReachTrustCaptchaAreUnavailable() {
        unreachable("connection refused", new ConnectException("Connection refused"));
        unreachable("connect timed out", new SocketTimeoutException("Connect timed out"));
        unreachable("read timed out", new SocketTimeoutException("Read timed out"));
        unreachable("read timed out", new SocketTimeoutException());
        unreachable("unknown host", new UnknownHostException("api.example"));
        unreachable("no route to host", new NoRouteToHostException());
        unreachable("the answer did not arrive in time", new InterruptedIOException());
        // Apache HttpClient's ConnectTimeoutException (RESTEasy's REST client on WildFly and Open Liberty): an
        // InterruptedIOException whose cause is the socket's connect timeout.
        InterruptedIOException apache = new InterruptedIOException("Connect to 127.0.0.1:9 [/127.0.0.1] failed: "
                + "connect timed out");
        apache.initCause(new SocketTimeoutException("connect timed out"));
        unreachable("connect timed out", apache);
    }

    @Test
    void aTlsFailureIsNotAnOutage() {
        Verification failed = Transport.failed(wrapped(new SSLHandshakeException("PKIX path building failed")));
        assertEquals(Outcome.TLS_FAILURE, failed.failure().orElseThrow());
        assertEquals("TLS failure (SSLHandshakeException)", failed.detail());
    }

    @Test
    void anythingElseIsOursAndNamedByItsTypeOnly() {
        internal("connection failed (SocketException)", wrapped(new SocketException("Connection reset")));
        internal("client failure (jakarta.ws.rs.ProcessingException)", wrapped(new IOException("secret details")));
        internal("client failure (java.lang.IllegalStateException)", new IllegalStateException("Bearer ak_leak"));
    }

    private static void unreachable(String detail, Exception cause) {
        Verification failed = Transport.failed(wrapped(cause));
        assertEquals(Outcome.UNAVAILABLE, failed.failure().orElseThrow(), detail);
        assertEquals(detail, failed.detail());
    }

    private static void internal(String detail, Exception failure) {
        Verification failed = Transport.failed(failure);
        assertEquals(Outcome.INTERNAL_ERROR, failed.failure().orElseThrow(), detail);
        assertEquals(detail, failed.detail());
    }

    private static ProcessingException wrapped(Exception cause) {
        return new ProcessingException(cause);
    }
}
