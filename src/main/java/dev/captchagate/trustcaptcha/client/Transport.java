package dev.captchagate.trustcaptcha.client;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Names a transport failure for the log, from the exception chain the JAX-RS client produced (its
 * {@code ProcessingException} wraps the {@code java.net} cause). The names never contain a host's answer, a
 * header, a token or a key.
 */
final class Transport {

    private Transport() {
    }

    /**
     * Describes a failure.
     *
     * @param failure what the client threw
     * @return e.g. {@code connection refused}, {@code read timed out}, {@code unknown host}
     */
    static String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
                return message.contains("connect") ? "connect timed out" : "read timed out";
            }
            if (cause instanceof ConnectException) {
                return "connection refused";
            }
            if (cause instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (cause instanceof UnknownHostException) {
                return "unknown host";
            }
            if (cause instanceof SSLException) {
                return "TLS failure (" + cause.getClass().getSimpleName() + ")";
            }
            if (cause instanceof InterruptedIOException) {
                return "the answer did not arrive in time";
            }
            if (cause instanceof SocketException) {
                return "connection failed (" + cause.getClass().getSimpleName() + ")";
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return "client failure (" + failure.getClass().getName() + ")";
    }
}
