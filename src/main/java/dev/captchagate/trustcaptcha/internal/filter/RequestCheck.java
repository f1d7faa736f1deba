package dev.captchagate.trustcaptcha.internal.filter;

import dev.captchagate.trustcaptcha.Decision;
import dev.captchagate.trustcaptcha.DecisionEvent;
import dev.captchagate.trustcaptcha.Outcome;
import dev.captchagate.trustcaptcha.Policy;
import dev.captchagate.trustcaptcha.Verification;
import dev.captchagate.trustcaptcha.VerificationResult;
import dev.captchagate.trustcaptcha.internal.config.Mode;
import dev.captchagate.trustcaptcha.internal.util.Containers;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.BiFunction;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What the filter does with one request: decide, publish, answer. Skips requests it has already
 * checked (forwards, includes, a second matching filter instance) and methods it does not check; finds the token;
 * has the verifier decide (in monitor mode, a refusal is not enforced); publishes the decision (and an accepted
 * result) as request attributes and as a CDI event; logs it; and either hands on the request to use downstream or
 * writes the refusal.
 */
public final class RequestCheck {

    /** Marks a request this library has checked, so that it is checked once. */
    static final String CHECKED = "dev.captchagate.trustcaptcha.TrustCaptchaFilter.CHECKED"; // named as it always was

    private final FilterSettings settings;
    private final BiFunction<String, Policy, Decision> verifier;
    private final Supplier<Optional<Verification>> refusesNow;
    private final DecisionPublisher publisher;
    private final String misconfigured;
    private final TokenSearch search;
    private final ProblemResponder responder;
    private final DecisionLog log;

    /**
     * A check with these settings.
     *
     * @param settings the filter instance's settings
     * @param verifier decides on a token under a policy (the verifier's {@code decide})
     * @param publisher publishes each decision
     */
    public RequestCheck(FilterSettings settings, BiFunction<String, Policy, Decision> verifier, DecisionPublisher publisher) {
        this(settings, verifier, Optional::empty, publisher, null, System::nanoTime, ContainerForms.SPECIFICATION,
                false);
    }

    /**
     * A check with these settings, in this servlet context: url-encoded bodies become parameters as its container
     * makes them (see {@link ContainerForms}; logged once).
     *
     * @param settings the filter instance's settings
     * @param verifier decides on a token under a policy (the verifier's {@code decide})
     * @param refusesNow why a verification would be refused now without a call (an open circuit breaker, no place
     *     under the concurrency limit), or empty: such a request is refused before its body is read
     * @param publisher publishes each decision
     * @param context the servlet context of the filter
     */
    public RequestCheck(FilterSettings settings, BiFunction<String, Policy, Decision> verifier,
                        Supplier<Optional<Verification>> refusesNow, DecisionPublisher publisher,
                        ServletContext context) {
        this(settings, verifier, refusesNow, publisher, null, System::nanoTime, ContainerForms.of(context),
                context != null && Containers.liberty(context.getServerInfo()));
    }

    RequestCheck(FilterSettings settings, BiFunction<String, Policy, Decision> verifier,
                 Supplier<Optional<Verification>> refusesNow, DecisionPublisher publisher, String misconfigured,
                 LongSupplier clock, ContainerForms forms, boolean streamReadyUntilEnd) {
        this.settings = settings;
        this.verifier = verifier;
        this.refusesNow = refusesNow;
        this.publisher = publisher;
        this.misconfigured = misconfigured;
        this.search = new TokenSearch(settings, forms, streamReadyUntilEnd);
        this.responder = new ProblemResponder(settings);
        this.log = new DecisionLog(clock);
    }

    /**
     * A check for a filter that could not start: it fails closed, refusing every request it would check with 503
     * {@code verification-unavailable} (in monitor mode too), rather than letting them through unverified.
     *
     * @param settings the settings, as far as they could be read
     * @param reason why the filter cannot work, for the log
     * @param publisher publishes each decision
     * @return the check
     */
    public static RequestCheck misconfigured(FilterSettings settings, String reason, DecisionPublisher publisher) {
        return new RequestCheck(settings.with(Mode.ENFORCE), null, Optional::empty, publisher, reason,
                System::nanoTime, ContainerForms.SPECIFICATION, false);
    }

    /**
     * Checks a request.
     *
     * @param request the request
     * @param response the response
     * @return the request to hand on (the same one, or one that replays its body), or null when it was refused and
     *     the answer is written
     * @throws IOException when writing the answer fails
     */
    public HttpServletRequest apply(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getAttribute(CHECKED) != null || !settings.checks(request.getMethod())) {
            return request;
        }
        request.setAttribute(CHECKED, Boolean.TRUE);
        Decision decision;
        HttpServletRequest next;
        Problems.Hint hint;
        Verification hopeless;
        if (misconfigured != null) {
            decision = Decision.refused(Outcome.INTERNAL_ERROR, null, misconfigured);
            next = request;
            hint = Problems.Hint.NONE;
        } else if ((hopeless = refusedWithoutAsking()) != null) {
            // Refused before the body is read: a request that no verification could accept now (an open breaker
            // where the policy does not fail open, no place under the limit) costs no more than one not checked.
            decision = Decision.refused(hopeless);
            next = request;
            hint = Problems.Hint.NONE;
        } else {
            TokenSearch.Result found = search.find(request, response);
            decision = found.refusal() != null
                    ? Decision.refused(found.refusal(), null, found.detail())
                    : verifier.apply(found.token(), settings.policy());
            if (!decision.accepted() && settings.mode() == Mode.MONITOR) {
                decision = decision.unenforced();
            }
            next = found.request();
            hint = found.hint();
        }
        Decision shown = publisher.shown(decision);
        request.setAttribute(Decision.ATTRIBUTE, shown);
        if (shown.accepted()) {
            shown.result().ifPresent(result -> request.setAttribute(VerificationResult.ATTRIBUTE, result));
        }
        log.decided(request.getMethod(), request.getRequestURI(), decision);
        publisher.publish(DecisionEvent.of(shown, request.getMethod(), request.getRequestURI(),
                publisher.address(request.getRemoteAddr())));
        if (decision.accepted() || !decision.enforced()) {
            return next;
        }
        responder.refuse(response, decision.outcome(), hint);
        return null;
    }

    /**
     * Why the request would be refused whatever its token says, in enforce mode: no place under the concurrency
     * limit, or an open circuit breaker where this instance's policy does not let tokens through while it is open.
     *
     * @return the failed verification, or null when the token must be looked at
     */
    private Verification refusedWithoutAsking() {
        return refusedWithoutAsking(settings, refusesNow);
    }

    /**
     * Why a request would be refused whatever its token says, under these settings (the filter's, a binding's).
     *
     * @param settings the settings
     * @param refusesNow why a verification would be refused now without a call, or empty
     * @return the failed verification, or null when the token must be looked at
     */
    static Verification refusedWithoutAsking(FilterSettings settings, Supplier<Optional<Verification>> refusesNow) {
        if (settings.mode() != Mode.ENFORCE) {
            return null;
        }
        Verification refusal = refusesNow.get().orElse(null);
        if (refusal == null || refusal.failure().orElseThrow() == Outcome.CIRCUIT_OPEN
                && settings.policy().allowWhenUnreachable()) {
            return null;
        }
        return refusal;
    }
}
