package dev.captchagate.trustcaptcha;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * The filter's verdict on the current request, through CDI, in servlets, JAX-RS resources and any other bean used
 * during an HTTP request:
 * <pre>{@code
 * @Inject CurrentVerification verification;
 *
 * VerificationResult result = verification.result().orElseThrow();
 * }</pre>
 * Empty on a path the filter does not protect, for a method it does not check, and for a request it refused. Use
 * this, never a second fetch: TrustCaptcha hands out each result once.
 *
 * <p>A request-scoped bean that reads the request attributes {@value VerificationResult#ATTRIBUTE} and
 * {@value Decision#ATTRIBUTE}: unlike a producer of the (final) result type, it works in singletons such as
 * servlets, and when there is no result.
 */
@RequestScoped
public class CurrentVerification {

    @Inject
    HttpServletRequest request;

    /**
     * The verification result of the current request.
     *
     * @return the result, when the filter accepted the request on one
     */
    public Optional<VerificationResult> result() {
        return attribute(VerificationResult.ATTRIBUTE, VerificationResult.class);
    }

    /**
     * The filter's decision on the current request.
     *
     * @return the decision, when the filter checked the request
     */
    public Optional<Decision> decision() {
        return attribute(Decision.ATTRIBUTE, Decision.class);
    }

    private <T> Optional<T> attribute(String name, Class<T> type) {
        Object value = request.getAttribute(name);
        return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
    }
}
