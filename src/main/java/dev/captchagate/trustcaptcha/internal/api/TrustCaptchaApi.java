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
@Path("/v2/verifications")
public interface TrustCaptchaApi {

    /** The REST client's config key: its keys are {@code trustcaptcha/mp-rest/...}. */
    String CONFIG_KEY = "trustcaptcha";

    /** The vendor's API host. */
    String DEFAULT_URL = "https://api.trustcomponent.com";

    /**
     * {@code GET /v2/verifications/{verificationId}/results[?clientFailover=true]}.
     *
     * <p>Every parameter is a string the caller has checked and formatted (a UUID's canonical form, {@code "true"}),
     * and every header a parameter rather than a {@code @ClientHeaderParam}: the REST client then has no converter
     * to look up and no header method to call on each call (on Payara's Jersey, each was a few per cent of a
     * verification's CPU).
     *
     * @param verificationId the verification, a UUID in its canonical form
     * @param clientFailover {@code "true"} for a token the widget minted during a client failover, else null (the
     *     parameter is then left out)
     * @param authorization {@code Bearer <api key>}: the key is validated configuration the caller holds
     * @param userAgent the vendor-style user agent, {@link UserAgent#VALUE}
     * @return the 200 response; the caller reads and closes it
     */
    @GET
    @Path("/{verificationId}/results")
    @Produces(MediaType.APPLICATION_JSON)
    Response fetchResult(@PathParam("verificationId") String verificationId,
                         @QueryParam("clientFailover") String clientFailover,
                         @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                         @HeaderParam(HttpHeaders.USER_AGENT) String userAgent);
}
