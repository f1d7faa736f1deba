package dev.captchagate.trustcaptcha.internal.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The TrustCaptcha result API as a MicroProfile REST Client, configured through the spec's keys under
 * {@code trustcaptcha/mp-rest/} ({@code url}, {@code connectTimeout}, {@code readTimeout}, {@code proxyAddress},
 * {@code trustStore}, ...). Redirects are never followed. The application-scoped {@link ResultClient} holds the
 * one instance the library uses (a dependent instance, so CDI closes it when the application stops).
 *
 * <p>Every status other than 200 comes out of a call as the {@link ApiStatusMapper}'s typed exception; the caller
 * reads a 200's body itself, with a size bound and a deadline. Use {@link ResultClient} (through
 * {@code TrustCaptchaVerifier}) rather than this interface: it adds the deadline, the body bound and the mapping
 * of every failure.
 */
@RegisterRestClient(configKey = TrustCaptchaApi.CONFIG_KEY, baseUri = TrustCaptchaApi.DEFAULT_URL)
@RegisterProvider(ApiStatusMapper.class)
@ClientHeaderParam(name = HttpHeaders.USER_AGENT, value = "{userAgent}")
@Path("/v2/verifications")
public interface TrustCaptchaApi {

    /** The REST client's config key: its keys are {@code trustcaptcha/mp-rest/...}. */
    String CONFIG_KEY = "trustcaptcha";

    /** The vendor's API host. */
    String DEFAULT_URL = "https://api.trustcomponent.com";

    /**
     * {@code GET /v2/verifications/{verificationId}/results[?clientFailover=true]}.
     *
     * @param verificationId the verification
     * @param clientFailover {@code true} for a token the widget minted during a client failover, else null (the
     *     parameter is then left out)
     * @param authorization {@code Bearer <api key>}: a parameter rather than a {@link ClientHeaderParam}, because
     *     the key is validated configuration the caller holds; a header method would read it again on every call
     * @return the 200 response; the caller reads and closes it
     */
    @GET
    @Path("/{verificationId}/results")
    @Produces(MediaType.APPLICATION_JSON)
    Response fetchResult(@PathParam("verificationId") UUID verificationId,
                         @QueryParam("clientFailover") Boolean clientFailover,
                         @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

    /**
     * The vendor-style user agent, sent with every call.
     *
     * @return the user agent
     */
    default String userAgent() {
        return UserAgent.VALUE;
    }
}
