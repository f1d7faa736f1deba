package dev.captchagate.trustcaptcha;

import dev.captchagate.trustcaptcha.client.ResultClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

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

    private Function<VerificationToken, Verification> source;

    /** For CDI. */
    protected TrustCaptchaVerifier() {
    }

    /**
     * The verifier CDI creates.
     *
     * @param client the result client
     */
    @Inject
    public TrustCaptchaVerifier(ResultClient client) {
        this(client::fetch);
    }

    /**
     * A verifier over any source of results, for tests and for use outside CDI.
     *
     * @param source fetches the result of a decoded token; must not throw
     */
    public TrustCaptchaVerifier(Function<VerificationToken, Verification> source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * Decodes a token and fetches its result.
     *
     * @param token the verification token as the client sent it; may be null
     * @return the result, or why there is none; never throws
     */
    public Verification verify(String token) {
        Optional<VerificationToken> decoded = VerificationToken.decode(token);
        if (decoded.isEmpty()) {
            return Verification.failed(VerificationFailure.TOKEN_INVALID, "not a verification token");
        }
        return verify(decoded.get());
    }

    /**
     * Fetches the result of a decoded token.
     *
     * @param token the decoded token
     * @return the result, or why there is none; never throws
     */
    public Verification verify(VerificationToken token) {
        return source.apply(Objects.requireNonNull(token, "token"));
    }

    /**
     * Decodes a token, fetches its result and applies a policy: the decision the filter makes, for code that wants
     * it without the filter (a JAX-RS resource, a JSF action).
     *
     * @param token the verification token as the client sent it; may be null
     * @param policy what the result must satisfy
     * @return the decision; never throws
     */
    public Decision decide(String token, Policy policy) {
        return policy.decide(verify(token));
    }

    /**
     * Decodes a token and fetches its result, the vendor libraries' way.
     *
     * @param token the verification token as the client sent it
     * @return the result
     * @throws TrustCaptchaException when there is no result; {@link TrustCaptchaException#failure()} says why
     */
    public VerificationResult verificationResult(String token) {
        return verify(token).orElseThrow();
    }
}
