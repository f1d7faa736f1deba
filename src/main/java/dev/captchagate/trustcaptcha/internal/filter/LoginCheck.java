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
    private final String misconfigured;

    /**
     * The login's check.
     *
     * @param settings the login's settings (its policy's view of the configuration)
     * @param verifier decides on a token under a policy (the verifier's {@code decide})
     * @param publisher publishes each decision
     */
    public LoginCheck(FilterSettings settings, BiFunction<String, Policy, Decision> verifier,
                      DecisionPublisher publisher) {
        this(settings, verifier, publisher, null, System::nanoTime);
    }

    /**
     * A check for a login whose settings cannot work: every login is refused with 503
     * {@code verification-unavailable}, in monitor mode too, whatever the servlet filter decided.
     *
     * @param settings the settings, as far as they could be read
     * @param reason why, for the log
     * @param publisher publishes each decision
     * @return the check
     */
    public static LoginCheck misconfigured(FilterSettings settings, String reason, DecisionPublisher publisher) {
        return new LoginCheck(settings.with(Mode.ENFORCE), null, publisher, reason, System::nanoTime);
    }

    LoginCheck(FilterSettings settings, BiFunction<String, Policy, Decision> verifier, DecisionPublisher publisher,
               String misconfigured, LongSupplier clock) {
        this.misconfigured = misconfigured;
        this.settings = settings;
        this.verifier = verifier;
        this.publisher = publisher;
        this.responder = new ProblemResponder(settings);
        this.log = new DecisionLog(clock);
    }

    /**
     * The library's rule for which requests submit credentials, without the application's {@code LoginRequests}: a
     * call of {@code SecurityContext.authenticate} with a credential (a custom form's sign-in), or a request to
     * {@code j_security_check} that carries {@code j_username} or {@code j_password}, whatever its method and
     * whatever follows in its path: broader than Soteria's FORM mechanism (a {@code POST} whose path ends so, with
     * both), because Open Liberty's takes them from any request whose path contains it.
     *
     * @param request the request
     * @param withCredential whether the mechanism was handed a credential by {@code SecurityContext.authenticate}
     * @return whether the request submits credentials
     */
    public static boolean submitsCredentials(HttpServletRequest request, boolean withCredential) {
        if (withCredential) {
            return true;
        }
        String uri = request.getRequestURI();
        return uri != null && uri.contains("/j_security_check")
                && (request.getParameter("j_username") != null || request.getParameter("j_password") != null);
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
        if (misconfigured != null) {
            decision = Decision.refused(Outcome.INTERNAL_ERROR, null, misconfigured);
        } else if (request.getAttribute(Decision.ATTRIBUTE) instanceof Decision earlier) {
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
        if (responder.refuse(response, refusal.outcome(), Problems.Hint.NONE)) {
            // Complete: WildFly then leaves the answer alone (for an answer of 400 or more that is not complete,
            // Undertow calls sendError after the mechanism, which throws on a committed response; measured).
            response.getOutputStream().close();
        }
    }
}
