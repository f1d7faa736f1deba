package dev.captchagate.trustcaptcha.it.app.rest;

import dev.captchagate.trustcaptcha.CaptchaProtected;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/** Test application: a binding that names a policy no key configures; its deployment must fail. */
@Path("unknown")
@RequestScoped
public class UnknownPolicyResource {

    @POST
    @CaptchaProtected(policy = "nosuch")
    public String post(String body) {
        return body;
    }
}
