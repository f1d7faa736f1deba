package dev.captchagate.trustcaptcha;

import dev.captchagate.trustcaptcha.internal.client.ResultClient;
import dev.captchagate.trustcaptcha.internal.verify.Decider;
import dev.captchagate.trustcaptcha.replay.ReplayStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Objects;

/**
 * Asks TrustCaptcha for the verification result of a token: the Jakarta EE twin of the vendor's
 * {@code get_verification_result(secret, token)}. Inject it anywhere:
 * <pre>{@code
 * @Inject TrustCaptchaVerifier verifier;
 *
 * VerificationResult result = verifier.verificationResult(token); // throws TrustCaptchaException
 * if (!result.verificationPassed() || result.score() > 0.5) { ... refuse ... }
 * }</pre>
 * or, without exceptions, {@link #verify(String)}. An invalid token is decided here, without any request.
 * TrustCaptcha hands out each result once: fetch it once per token (the filter does, and publishes it).
 */
@ApplicationScoped
public class TrustCaptchaVerifier {

    private Decider decider;

    /** For CDI's proxy. */
    protected TrustCaptchaVerifier() {
    }

    @Inject
    TrustCaptchaVerifier(ResultClient client, ReplayStore replay) {
        this(new Decider(client, replay, System::nanoTime));
    }

    TrustCaptchaVerifier(Decider decider) {
        this.decider = Objects.requireNonNull(decider, "decider");
    }

    /**
     * Decodes a token and fetches its result.
     *
     * @param token the verification token as the client sent it; may be null
     * @return the result, or why there is none; never throws
     */
    public Verification verify(String token) {
        return decider.verify(token);
    }

    /**
     * Decides on a token the way the filter does, for code that wants the decision without the filter (a JAX-RS
     * resource, a JSF action): decodes it ({@code token-invalid}); refuses at once, without touching the replay
     * store, what needs no call (no free slot, or an open circuit breaker where the policy does not fail open);
     * refuses a verification id accepted before within {@code trustcaptcha.replay.ttl} ({@code token-replayed},
     * without asking TrustCaptcha); fetches the result and applies the policy. The id is remembered only when the
     * decision is an acceptance.
     *
     * <p>Fail open: a policy that allows it ({@code policy.allow-when-unreachable}) lets a well-formed token through
     * unverified only while the circuit breaker is open (TrustCaptcha known to be unreachable), never because this
     * request's own call failed, and at most {@code policy.max-unverified-per-minute} times a minute; beyond that the
     * request is refused with 503 {@code verification-unavailable}.
     *
     * @param token the verification token as the client sent it; may be null
     * @param policy what the result must satisfy; not null
     * @return the decision; never throws for a policy that is not null
     */
    public Decision decide(String token, Policy policy) {
        return decider.decide(token, Objects.requireNonNull(policy, "policy"));
    }

    /**
     * Decodes a token and fetches its result, the vendor libraries' way.
     *
     * @param token the verification token as the client sent it
     * @return the result
     * @throws TrustCaptchaException when there is no result; {@link TrustCaptchaException#outcome()} says why
     */
    public VerificationResult verificationResult(String token) {
        return verify(token).orElseThrow();
    }
}
