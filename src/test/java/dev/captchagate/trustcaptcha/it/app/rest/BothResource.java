package dev.captchagate.trustcaptcha.it.app.rest;

import dev.captchagate.trustcaptcha.CaptchaProtected;
import dev.captchagate.trustcaptcha.CurrentVerification;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** Test application: bindings under a path the servlet filter protects too. */
@Path("both")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class BothResource {

    @Inject
    CurrentVerification verification;

    @POST
    @CaptchaProtected
    public JsonObject same(byte[] body, @Context HttpServletRequest request) {
        return Seen.of(body, verification, request);
    }

    @POST
    @Path("signup")
    @CaptchaProtected(policy = "signup")
    public JsonObject stricter(byte[] body, @Context HttpServletRequest request) {
        return Seen.of(body, verification, request);
    }
}
