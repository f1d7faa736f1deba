package dev.captchagate.trustcaptcha.internal.client;

import dev.captchagate.trustcaptcha.Outcome;
import dev.captchagate.trustcaptcha.Verification;
import dev.captchagate.trustcaptcha.internal.api.ApiStatusException;
import dev.captchagate.trustcaptcha.internal.api.ApiStatusMapper;
import dev.captchagate.trustcaptcha.internal.api.TrustCaptchaApi;
import dev.captchagate.trustcaptcha.internal.api.UserAgent;
import dev.captchagate.trustcaptcha.internal.token.VerificationToken;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;

/**
 * The result call through the REST client: maps each status, reads a 200's body with a bound and a deadline,
 * binds it, and turns every failure into a {@link Verification}. Called once per token: never retried, because
 * TrustCaptcha hands a result out once, and a retry after a lost answer would turn a human into a 429.
 */
final class RestApiCall implements ApiCall {

    private final TrustCaptchaApi api;
    private final String authorization;

    RestApiCall(TrustCaptchaApi api, String authorization) {
        this.api = api;
        this.authorization = authorization;
    }

    @Override
    public Verification fetch(VerificationToken token, long deadlineNanos) {
        Response response = null;
        try {
            response = api.fetchResult(token.verificationId().toString(), token.clientFailover() ? "true" : null,
                    authorization, UserAgent.VALUE);
            byte[] body;
            try (InputStream in = response.readEntity(InputStream.class)) {
                body = ResponseBody.read(in, declaredLength(response), ResponseBody.MAX_BYTES, deadlineNanos);
            }
            // A 200 that is not a valid result is never an outage and never a pass: an API change (a score on another
            // scale, a renamed member) must close protected endpoints, not open them.
            return ResultJson.parse(body)
                    .map(Verification::of)
                    .orElseGet(() -> Verification.failed(Outcome.UNEXPECTED_RESPONSE,
                            "the answer's body is not a verification result"));
        } catch (ApiStatusException status) {
            return Verification.failed(status.failure(), "HTTP " + status.status());
        } catch (ResponseBody.Unusable unusable) {
            return Verification.failed(unusable.failure(), unusable.getMessage());
        } catch (WebApplicationException unexpected) {
            // Not expected (our mapper handles every status but 200); classified the same way if it happens.
            int status = unexpected.getResponse() == null ? 0 : unexpected.getResponse().getStatus();
            return Verification.failed(ApiStatusMapper.failureFor(status), "HTTP " + status);
        } catch (IOException | RuntimeException failure) {
            // ProcessingException (refused, timeouts, DNS, TLS), IOException while reading, anything else.
            return Transport.failed(failure);
        } finally {
            if (response != null) {
                response.close();
            }
        }
    }

    private static long declaredLength(Response response) {
        String length = response.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException ignored) {
            return -1;
        }
    }
}
