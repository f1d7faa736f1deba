package dev.captchagate.trustcaptcha;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Protects JAX-RS resource methods with TrustCaptcha, the way {@code @RolesAllowed} restricts them: on a resource
 * method, on a resource class (all its methods), or on the {@code Application} subclass (every resource).
 * <pre>{@code
 * @Path("accounts")
 * public class Accounts {
 *
 *     @Inject CurrentVerification verification;
 *
 *     @POST
 *     @CaptchaProtected(policy = "signup")   // trustcaptcha.policies.signup.max-score=0.3, say
 *     @Consumes(MediaType.APPLICATION_JSON)
 *     public Response create(Account account) {
 *         double score = verification.result().orElseThrow().score();
 *         ...
 *     }
 *
 *     @GET
 *     public List<Account> list() { ... }   // not protected
 * }
 * }</pre>
 * The binding is {@link CaptchaProtectedFilter}, a {@code ContainerRequestFilter} in this jar that the JAX-RS
 * runtime finds by itself (where the application lists its classes or singletons, add it to them). It finds the
 * token in the header, the JSON body or the url-encoded form, as the servlet filter does, and leaves the entity intact
 * for the method's own parameter; it decides with the same verifier, replay guard and policy rules; it refuses with
 * the same {@code application/problem+json} answers and codes; it publishes the decision as the request property
 * {@value Decision#ATTRIBUTE} (and the accepted result as {@value VerificationResult#ATTRIBUTE}), through
 * {@link CurrentVerification} and as a {@link DecisionEvent}.
 *
 * <p><b>Which requests are checked.</b> On a resource method, every request that reaches the method (a {@code @GET}
 * too, and so the {@code HEAD} that JAX-RS answers with it). On a class or the {@code Application}, the methods of
 * the policy's {@code methods} key (by default {@code POST}, {@code PUT}, {@code PATCH} and {@code DELETE}), as for
 * the servlet filter. The annotation nearest the method wins: method, then class, then {@code Application}.
 *
 * <p><b>Policies.</b> Without a name, the application's per-filter keys ({@code trustcaptcha.policy.max-score},
 * {@code trustcaptcha.token.header}, ...). With {@code policy = "signup"}, the keys under
 * {@code trustcaptcha.policies.signup.} override them: the same keys, defaults and checks as a filter instance's
 * init-params, named without {@code policy.} and {@code filter.} ({@code max-score}, {@code allow-when-unreachable},
 * {@code reject-gateway-failover}, {@code allowed-origins}, {@code methods}, {@code token.header},
 * {@code token.json-pointer}, {@code token.form-param}, {@code body.max-bytes}, {@code reject.status},
 * {@code mode}). Their values are checked when the application is deployed. A policy no key configures is an
 * error: the deployment fails where the CDI extension sees the annotated class (a bean), and the binding refuses
 * its requests with 503 {@code verification-unavailable} otherwise.
 *
 * <p><b>With the servlet filter.</b> A request the servlet filter has already decided is not verified again (the
 * token was spent): the binding takes the published decision, and refuses an accepted result that its own policy
 * does not accept (a stricter {@code max-score}, say). A refusal stays a refusal.
 *
 * <p><b>Order.</b> The filter's priority is {@value #PRIORITY}: before JAX-RS authentication filters
 * ({@code Priorities.AUTHENTICATION}, 1000), so bots are refused before credentials are checked. To run it after
 * authentication, register it yourself with another priority (in a {@code Feature}:
 * {@code context.register(CaptchaProtectedFilter.class, Priorities.USER)}) in an application that lists its
 * providers. Jakarta Security authenticates in the servlet container, before every JAX-RS filter.
 */
@NameBinding
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface CaptchaProtected {

    /** The filter's default priority: before {@code Priorities.AUTHENTICATION}. */
    int PRIORITY = 900;

    /**
     * The named policy, configured under {@code trustcaptcha.policies.<name>.}; empty for the application's keys.
     *
     * @return the policy's name: letters, digits, {@code -} and {@code _}
     */
    String policy() default "";

    /**
     * The highest bot score accepted, over the policy's {@code max-score}; unset ({@code NaN}) by default.
     *
     * @return a score from 0 to 1, or {@code NaN}
     */
    double maxScore() default Double.NaN;
}
