package dev.captchagate.trustcaptcha.it.app;

import dev.captchagate.trustcaptcha.CurrentVerification;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletableFuture;

/**
 * Test application: JAX-RS resources on a protected and an open path, reading form parameters with
 * {@code @FormParam}, the result through CDI, and answering asynchronously (which needs every filter of the chain
 * to support async).
 */
@Path("{zone: open|protected}")
@RequestScoped
public class FormResource {

    @Inject
    CurrentVerification verification;

    @POST
    @Path("form")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject form(@FormParam("name") String name, @FormParam("tc-verification-token") String token) {
        return Json.createObjectBuilder()
                .add("name", String.valueOf(name))
                .add("tokenSeen", token != null)
                .add("resultCdi", verification.result().map(r -> r.verificationId().toString()).orElse("none"))
                .build();
    }

    @POST
    @Path("async")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public void async(String body, @Suspended AsyncResponse response) {
        String result = verification.result().map(r -> r.verificationId().toString()).orElse("none");
        CompletableFuture.runAsync(() -> response.resume(Json.createObjectBuilder()
                .add("async", true).add("length", body.length()).add("resultCdi", result).build()));
    }
}
