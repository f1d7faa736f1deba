package dev.captchagate.demo;

import dev.captchagate.trustcaptcha.CurrentVerification;
import dev.captchagate.trustcaptcha.VerificationResult;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The vendor's Flask example in Jakarta EE: {@code POST /api/example} with {@code {"verificationToken": "..."}}
 * answers the verification result as JSON, like {@code return verification_result.to_json()}. The check itself
 * (fetch the result once, refuse unless passed and a score of at most 0.5) is the TrustCaptcha filter's, mapped
 * to {@code /api/*} in {@code web.xml}; a refusal never reaches this method.
 */
@RequestScoped
@Path("/example")
public class ExampleResource {

    @Inject
    CurrentVerification verification;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response example() {
        VerificationResult result = verification.result().orElse(null);
        if (result == null) {
            // Only reachable when the filter is not mapped here: never treat that as a pass.
            return Response.serverError().entity("{\"error\":\"the TrustCaptcha filter is not installed\"}").build();
        }
        return Response.ok(result.toJson()).build();
    }
}
