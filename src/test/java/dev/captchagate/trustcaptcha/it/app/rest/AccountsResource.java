package dev.captchagate.trustcaptcha.it.app.rest;

import dev.captchagate.trustcaptcha.CaptchaProtected;
import dev.captchagate.trustcaptcha.CurrentVerification;
import dev.captchagate.trustcaptcha.it.app.DecisionRecorder;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;

/** Test application: protected and unprotected methods on one class, each binding with its own policy. */
@Path("accounts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AccountsResource {

    @Inject
    CurrentVerification verification;

    @Inject
    DecisionRecorder recorder;

    @POST
    @Path("open")
    public JsonObject open(byte[] body, @Context HttpServletRequest request) {
        return Seen.of(body, verification, request);
    }

    @POST
    @Path("json")
    @CaptchaProtected
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject json(byte[] body, @Context HttpServletRequest request) {
        return Seen.of(body, verification, request);
    }

    @POST
    @Path("any")
    @CaptchaProtected
    public JsonObject any(byte[] body, @Context HttpServletRequest request) {
        return Seen.of(body, verification, request);
    }

    @POST
    @Path("form")
    @CaptchaProtected
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public JsonObject form(@FormParam("name") String name, @FormParam("tc-verification-token") String token,
                           @Context HttpServletRequest request) {
        return Json.createObjectBuilder(Seen.of(null, verification, request)).add("name", String.valueOf(name))
                .add("tokenSeen", token != null).build();
    }

    @POST
    @Path("formraw")
    @CaptchaProtected
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public JsonObject formRaw(byte[] body, @Context HttpServletRequest request) {
        return Seen.of(body, verification, request);
    }

    @POST
    @Path("openform")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public JsonObject openForm(@FormParam("name") String name, @FormParam("tc-verification-token") String token,
                               @Context HttpServletRequest request) {
        return form(name, token, request);
    }

    @POST
    @Path("signup")
    @CaptchaProtected(policy = "signup")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject signup(byte[] body, @Context HttpServletRequest request) {
        return Seen.of(body, verification, request);
    }

    @POST
    @Path("lenient")
    @CaptchaProtected(maxScore = 0.9)
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject lenient(byte[] body, @Context HttpServletRequest request) {
        return Seen.of(body, verification, request);
    }

    @GET
    @Path("explicit")
    @CaptchaProtected
    public JsonObject explicit(@Context HttpServletRequest request) {
        return Seen.of(null, verification, request);
    }

    @GET
    @Path("list")
    public JsonObject list(@Context HttpServletRequest request) {
        return Seen.of(null, verification, request);
    }

    /**
     * The events observed; with {@code await} and {@code path}, once the asynchronous event of that code and path
     * has been observed too (30 s at most): the observers run on another thread.
     */
    @GET
    @Path("events")
    public JsonObject events(@QueryParam("await") String code, @QueryParam("path") String path)
            throws InterruptedException {
        if (code != null) {
            recorder.await(event -> event.delivery().equals("async") && event.code().equals(code)
                    && event.path().equals(path), Duration.ofSeconds(30));
        }
        JsonArrayBuilder seen = Json.createArrayBuilder();
        recorder.seen().forEach(event -> seen.add(Json.createObjectBuilder().add("delivery", event.delivery())
                .add("code", event.code()).add("method", event.method()).add("path", event.path())));
        return Json.createObjectBuilder().add("events", seen).build();
    }
}
