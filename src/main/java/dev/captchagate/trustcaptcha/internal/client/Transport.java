package dev.captchagate.trustcaptcha.internal.client;

import dev.captchagate.trustcaptcha.Outcome;
import dev.captchagate.trustcaptcha.Verification;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Classifies a transport failure from the exception chain the JAX-RS client produced (its
 * {@code ProcessingException} wraps the {@code java.net} cause). Only the failures that mean TrustCaptcha cannot be
 * reached are {@link Outcome#UNAVAILABLE}: refused, unknown host, no route, a connect or read timeout.
 * A TLS failure is a broken trust store or someone in the middle, and anything else (a reset connection, an
 * exception of the client's own) cannot be told apart from a fault on our side: neither is an outage. The
 * descriptions never contain a host's answer, a header, a token or a key.
 */
final class Transport {

    private Transport() {
    }

    /**
     * Classifies a failure.
     *
     * @param failure what the client threw
     * @return the failed verification, e.g. {@code UNAVAILABLE: connection refused}
     */
    static Verification failed(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
                return unreachable(message.contains("connect") ? "connect timed out" : "read timed out");
            }
            if (cause instanceof ConnectException) {
                return unreachable("connection refused");
            }
            if (cause instanceof NoRouteToHostException) {
                return unreachable("no route to host");
            }
            if (cause instanceof UnknownHostException) {
                return unreachable("unknown host");
            }
            if (cause instanceof SSLException) {
                return Verification.failed(Outcome.TLS_FAILURE,
                        "TLS failure (" + cause.getClass().getSimpleName() + ")");
            }
            if (cause instanceof InterruptedIOException) {
                // Apache HttpClient's ConnectTimeoutException (RESTEasy: WildFly, Open Liberty) is one, with the
                // socket's timeout as its cause: say which timeout it was, as for the JDK's own.
                String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
                return unreachable(cause.getClass().getSimpleName().startsWith("Connect") || message.contains("connect")
                        ? "connect timed out" : "the answer did not arrive in time");
            }
            if (cause instanceof SocketException) {
                return Verification.failed(Outcome.INTERNAL_ERROR,
                        "connection failed (" + cause.getClass().getSimpleName() + ")");
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Verification.failed(Outcome.INTERNAL_ERROR,
                "client failure (" + failure.getClass().getName() + ")");
    }

    private static Verification unreachable(String detail) {
        return Verification.failed(Outcome.UNAVAILABLE, detail);
    }
}
