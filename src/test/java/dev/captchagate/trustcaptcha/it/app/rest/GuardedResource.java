package dev.captchagate.trustcaptcha.it.app.rest;

import dev.captchagate.trustcaptcha.CaptchaProtected;
import dev.captchagate.trustcaptcha.CurrentVerification;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** Test application: a binding on the class, which checks the policy's methods (POST, not GET). */
@Path("guarded")
@RequestScoped
@CaptchaProtected
@Produces(MediaType.APPLICATION_JSON)
public class GuardedResource {

    @Inject
    CurrentVerification verification;

    @POST
    public JsonObject post(byte[] body, @Context HttpServletRequest request) {
        return Seen.of(body, verification, request);
    }

    @GET
    public JsonObject get(@Context HttpServletRequest request) {
        return Seen.of(null, verification, request);
    }
}
