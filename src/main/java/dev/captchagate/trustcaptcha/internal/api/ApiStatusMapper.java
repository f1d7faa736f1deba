package dev.captchagate.trustcaptcha.internal.api;

import dev.captchagate.trustcaptcha.Outcome;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * Turns every status of the result API other than 200 into an {@link ApiStatusException}, ahead of the REST
 * client's default mapper (which would throw a bare {@code WebApplicationException} for 4xx and 5xx only, and let
 * a 3xx through as if it were a result). Error bodies are undocumented and not read; the response is closed.
 */
public class ApiStatusMapper implements ResponseExceptionMapper<ApiStatusException> {

    /** Runs before the default mapper, whose priority is the lowest possible. */
    static final int PRIORITY = 100;

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status != 200;
    }

    @Override
    public ApiStatusException toThrowable(Response response) {
        int status = response.getStatus();
        response.close();
        return new ApiStatusException(status);
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }

    /**
     * The contract's meaning of a status other than 200.
     *
     * @param status the HTTP status
     * @return the failure
     */
    public static Outcome failureFor(int status) {
        switch (status) {
            case 403:
                return Outcome.API_KEY_INVALID;
            case 404:
                return Outcome.VERIFICATION_NOT_FOUND;
            case 410:
                return Outcome.VERIFICATION_EXPIRED;
            case 412:
                return Outcome.FAILOVER_REJECTED;
            case 423:
                return Outcome.VERIFICATION_NOT_FINISHED;
            case 429:
                return Outcome.RETRIEVAL_LIMIT_REACHED;
            case 502:
            case 503:
            case 504:
                // A gateway in front of TrustCaptcha cannot reach it, or it is down for maintenance: an outage.
                return Outcome.UNAVAILABLE;
            default:
                // 500 and the other 5xx are TrustCaptcha answering, badly; 3xx, other 4xx, 1xx, 2xx but 200 are not in
                // the contract. None of them means "unreachable", so none of them may open the breaker or fail open.
                return Outcome.UNEXPECTED_RESPONSE;
        }
    }
}
