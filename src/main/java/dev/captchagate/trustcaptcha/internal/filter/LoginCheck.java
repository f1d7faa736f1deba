package dev.captchagate.trustcaptcha.internal.filter;

import dev.captchagate.trustcaptcha.Decision;
import dev.captchagate.trustcaptcha.DecisionEvent;
import dev.captchagate.trustcaptcha.Outcome;
import dev.captchagate.trustcaptcha.Policy;
import dev.captchagate.trustcaptcha.VerificationResult;
import dev.captchagate.trustcaptcha.internal.config.Mode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;

/**
 * What the login's CAPTCHA does with a request that submits credentials to Jakarta Security, before the identity
 * store sees them: takes a decision the servlet filter has published under the login's policy, or finds the token
 * (the header, else the form field through the request's parameters: the login form's body is parameters for the
 * container and for the mechanism alike) and has the verifier decide; publishes the decision as the filter does;
 * says whether the login may go on.
 */
public final class LoginCheck {

    private final FilterSettings settings;
    private final BiFunction<String, Policy, Decision> verifier;
    private final DecisionPublisher publisher;
    private final ProblemResponder responder;
    private final DecisionLog log;

    /**
     * The login's check.
     *
     * @param settings the login's settings (its policy's view of the configuration)
     * @param verifier decides on a token under a policy (the verifier's {@code decide})
     * @param publisher publishes each decision
     */
    public LoginCheck(FilterSettings settings, BiFunction<String, Policy, Decision> verifier,
                      DecisionPublisher publisher) {
        this(settings, verifier, publisher, System::nanoTime);
    }

    LoginCheck(FilterSettings settings, BiFunction<String, Policy, Decision> verifier, DecisionPublisher publisher,
               LongSupplier clock) {
        this.settings = settings;
        this.verifier = verifier;
        this.publisher = publisher;
        this.responder = new ProblemResponder(settings);
        this.log = new DecisionLog(clock);
    }

    /** @return the login's settings */
    public FilterSettings settings() {
        return settings;
    }

    /**
     * Decides on a request that submits credentials.
     *
     * @param request the request
     * @return the refusal to answer with, or null when the login goes on (accepted, or monitor mode)
     */
    public Decision check(HttpServletRequest request) {
        Decision decision;
        if (request.getAttribute(Decision.ATTRIBUTE) instanceof Decision earlier) {
            decision = ResourceCheck.underPolicy(earlier, settings);
            if (decision == earlier) {
                return earlier.accepted() || !earlier.enforced() ? null : earlier;
            }
        } else {
            String token = request.getHeader(settings.tokenHeader());
            if (token == null || token.isBlank()) {
                token = request.getParameter(settings.formParam());
            }
            decision = token == null || token.isBlank()
                    ? Decision.refused(Outcome.TOKEN_MISSING, null, "no token header or form field at the login")
                    : verifier.apply(token, settings.policy());
        }
        if (!decision.accepted() && settings.mode() == Mode.MONITOR) {
            decision = decision.unenforced();
        }
        Decision shown = publisher.shown(decision);
        request.setAttribute(Decision.ATTRIBUTE, shown);
        if (shown.accepted() && shown.result().isPresent()) {
            request.setAttribute(VerificationResult.ATTRIBUTE, shown.result().get());
        } else {
            request.removeAttribute(VerificationResult.ATTRIBUTE);
        }
        log.decided(request.getMethod(), request.getRequestURI(), decision);
        publisher.publish(DecisionEvent.of(shown, request.getMethod(), request.getRequestURI(),
                publisher.address(request.getRemoteAddr())));
        return decision.accepted() || !decision.enforced() ? null : decision;
    }

    /**
     * Answers a refused login with the filter's problem, flushed: committed, so that the authentication module's own
     * answer to a failure cannot replace it.
     *
     * @param response the response
     * @param refusal the refusal
     * @throws IOException when writing fails
     */
    public void refuse(HttpServletResponse response, Decision refusal) throws IOException {
        responder.refuse(response, refusal.outcome(), Problems.Hint.NONE);
    }
}
