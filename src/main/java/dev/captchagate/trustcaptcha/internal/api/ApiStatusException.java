package dev.captchagate.trustcaptcha.internal.api;

import dev.captchagate.trustcaptcha.Outcome;

/**
 * A status other than 200 from the result API, already classified. Thrown by the REST client proxy, caught by
 * {@link ResultClient}; it never leaves the library. No stack trace: it is an answer, not a bug.
 */
public final class ApiStatusException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final Outcome failure;

    ApiStatusException(int status) {
        super("HTTP " + status, null, false, false);
        this.status = status;
        this.failure = ApiStatusMapper.failureFor(status);
    }

    /**
     * The HTTP status.
     *
     * @return the status
     */
    public int status() {
        return status;
    }

    /**
     * What the status means.
     *
     * @return the failure
     */
    public Outcome failure() {
        return failure;
    }
}
