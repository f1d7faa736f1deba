package dev.captchagate.trustcaptcha.internal.filter;

import dev.captchagate.trustcaptcha.Decision;
import dev.captchagate.trustcaptcha.DecisionEvent;
import dev.captchagate.trustcaptcha.Outcome;
import dev.captchagate.trustcaptcha.Policy;
import dev.captchagate.trustcaptcha.Verification;
import dev.captchagate.trustcaptcha.VerificationResult;
import dev.captchagate.trustcaptcha.internal.config.Mode;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * What a {@code @CaptchaProtected} binding does with one JAX-RS request: the servlet filter's {@link RequestCheck}
 * on a {@link ContainerRequestContext}. It takes a decision the servlet filter has already published (the token is
 * spent) under its own policy; otherwise it finds the token (the header; the JSON body or the url-encoded form, read
 * up to {@code body.max-bytes} and handed back to JAX-RS as the same bytes), has the verifier decide, publishes the
 * decision as request properties (which a servlet container shares with the request attributes) and as an event,
 * logs it, and answers a refused request with the same {@link Problem} as the filter.
 */
public final class ResourceCheck {

    private static final String CONTENT_TYPE = HttpHeaders.CONTENT_TYPE;

    private final FilterSettings settings;
    private final boolean everyMethod;
    private final BiFunction<String, Policy, Decision> verifier;
    private final Supplier<Optional<Verification>> refusesNow;
    private final DecisionPublisher publisher;
    private final String misconfigured;
    private final ProblemResponder responder;
    private final DecisionLog log;
    private final ContainerForms forms;

    /**
     * A binding's check.
     *
     * @param settings the binding's settings (its policy's view of the configuration)
     * @param everyMethod whether every request method is checked (a binding on the resource method itself), or the
     *     settings' methods (a binding on a class or the application)
     * @param verifier decides on a token under a policy (the verifier's {@code decide})
     * @param refusesNow why a verification would be refused now without a call, or empty
     * @param publisher publishes each decision
     * @param context the servlet context, or null: which url-encoded bodies its container makes parameters
     */
    public ResourceCheck(FilterSettings settings, boolean everyMethod, BiFunction<String, Policy, Decision> verifier,
                         Supplier<Optional<Verification>> refusesNow, DecisionPublisher publisher,
                         ServletContext context) {
        this(settings, everyMethod, verifier, refusesNow, publisher, null, System::nanoTime,
                ContainerForms.of(context));
    }

    ResourceCheck(FilterSettings settings, boolean everyMethod, BiFunction<String, Policy, Decision> verifier,
                  Supplier<Optional<Verification>> refusesNow, DecisionPublisher publisher, String misconfigured,
                  LongSupplier clock, ContainerForms forms) {
        this.settings = settings;
        this.everyMethod = everyMethod;
        this.verifier = verifier;
        this.refusesNow = refusesNow;
        this.publisher = publisher;
        this.misconfigured = misconfigured;
        this.responder = new ProblemResponder(settings);
        this.log = new DecisionLog(clock);
        this.forms = forms;
    }

    /**
     * A check for a binding that cannot work: it fails closed, refusing every request it would check with 503
     * {@code verification-unavailable}, in monitor mode too.
     *
     * @param settings the settings, as far as they could be read
     * @param everyMethod whether every request method is checked
     * @param reason why, for the log
     * @param publisher publishes each decision
     * @return the check
     */
    public static ResourceCheck misconfigured(FilterSettings settings, boolean everyMethod, String reason,
                                              DecisionPublisher publisher) {
        return new ResourceCheck(settings.with(Mode.ENFORCE), everyMethod, null, Optional::empty, publisher, reason,
                System::nanoTime, ContainerForms.SPECIFICATION);
    }

    /**
     * Checks a request.
     *
     * @param request the request
     * @param path the request's path as the client sent it, for the log and the event
     * @param clientAddress the client's address as the container resolved it, or null
     * @param servletParameters the servlet request's parameters, where the JAX-RS runtime takes the resource
     *     method's {@code @FormParam} values from them (RESTEasy) rather than from the entity (Jersey); else null
     * @return the answer to abort the request with when it is refused, else null
     */
    public Problem apply(ContainerRequestContext request, String path, String clientAddress,
                         UnaryOperator<String> servletParameters) {
        if (!everyMethod && !checks(request.getMethod())) {
            return null;
        }
        Decision decision;
        Problems.Hint hint = Problems.Hint.NONE;
        Object published = request.getProperty(Decision.ATTRIBUTE);
        Verification hopeless;
        if (misconfigured != null) {
            // First: a binding that cannot work refuses even what the servlet filter accepted under its own policy.
            decision = Decision.refused(Outcome.INTERNAL_ERROR, null, misconfigured);
        } else if (published instanceof Decision earlier) {
            decision = underThisPolicy(earlier);
            if (decision == earlier) {
                return null; // decided and published once; the token is spent
            }
        } else if ((hopeless = refusedWithoutAsking()) != null) {
            decision = Decision.refused(hopeless);
        } else {
            Found found = find(request, servletParameters);
            hint = found.hint();
            decision = found.refusal() != null
                    ? Decision.refused(found.refusal(), null, found.detail())
                    : verifier.apply(found.token(), settings.policy());
        }
        if (!decision.accepted() && settings.mode() == Mode.MONITOR) {
            decision = decision.unenforced();
        }
        Decision shown = publisher.shown(decision);
        request.setProperty(Decision.ATTRIBUTE, shown);
        if (shown.accepted() && shown.result().isPresent()) {
            request.setProperty(VerificationResult.ATTRIBUTE, shown.result().get());
        } else {
            request.removeProperty(VerificationResult.ATTRIBUTE);
        }
        log.decided(request.getMethod(), path, decision);
        publisher.publish(DecisionEvent.of(shown, request.getMethod(), path, publisher.address(clientAddress)));
        return !decision.accepted() && decision.enforced() ? responder.problem(decision.outcome(), hint) : null;
    }

    /** The settings' methods; HEAD as GET, since JAX-RS answers a HEAD with the {@code @GET} method. */
    private boolean checks(String method) {
        return settings.checks(method) || "HEAD".equals(method) && settings.checks("GET");
    }

    /**
     * A decision the servlet filter published, under this binding's policy: the same decision when the policy
     * accepts it too (or when it is a refusal: a refusal stays one); a refusal when the policy does not accept the
     * result (a stricter score, other origins) or does not let a request through unverified.
     */
    Decision underThisPolicy(Decision earlier) {
        return underPolicy(earlier, settings);
    }

    /** A published decision under other settings' policy and mode: see {@link #underThisPolicy(Decision)}. */
    static Decision underPolicy(Decision earlier, FilterSettings settings) {
        Policy policy = settings.policy();
        if (!earlier.accepted()) {
            // Only a filter in monitor mode lets a refused request on: the refusal is this binding's to enforce.
            return settings.mode() == Mode.ENFORCE && !earlier.enforced()
                    ? Decision.refused(earlier.outcome(), earlier.result().orElse(null), earlier.detail()) : earlier;
        }
        Decision again = earlier.result().isPresent()
                ? policy.decide(Verification.of(earlier.result().get()))
                : policy.decide(Verification.failed(Outcome.CIRCUIT_OPEN, earlier.detail()));
        return again.accepted() ? earlier : again;
    }

    private Verification refusedWithoutAsking() {
        return RequestCheck.refusedWithoutAsking(settings, refusesNow);
    }

    /** The token, or why there is none. */
    record Found(String token, Outcome refusal, String detail, Problems.Hint hint) {

        static Found token(String token) {
            return new Found(token, null, null, Problems.Hint.NONE);
        }

        static Found refused(Outcome outcome, String detail) {
            return new Found(null, outcome, detail, Problems.Hint.NONE);
        }
    }

    /**
     * The token in the header, else in the JSON body or the url-encoded form; the entity is handed back intact. A
     * form that the servlet container makes parameters is read through them where the runtime reads it so.
     */
    Found find(ContainerRequestContext request, UnaryOperator<String> servletParameters) {
        String header = request.getHeaderString(settings.tokenHeader());
        if (header != null && !header.isBlank()) {
            return Found.token(header);
        }
        String type = request.getHeaderString(CONTENT_TYPE);
        ContentKind kind = ContentKind.of(type);
        if (kind == ContentKind.MULTIPART) {
            return new Found(null, Outcome.TOKEN_MISSING, "no token header on a multipart body",
                    Problems.Hint.MULTIPART_NOT_CONFIGURED);
        }
        if (kind == ContentKind.OTHER) {
            return Found.refused(Outcome.TOKEN_MISSING, "no token header, and no JSON or form body");
        }
        if (kind == ContentKind.FORM && servletParameters != null
                && forms.bodyBecomesParameters(request.getMethod(), type)) {
            if (request.getLength() > settings.maxBodyBytes()) {
                return Found.refused(Outcome.BODY_TOO_LARGE, "form body of " + request.getLength() + " bytes, over "
                        + settings.maxBodyBytes());
            }
            String value;
            try {
                value = servletParameters.apply(settings.formParam());
            } catch (RuntimeException unreadable) {
                return Found.refused(Outcome.TOKEN_MISSING, "the form could not be read");
            }
            return value != null ? Found.token(value) : Found.refused(Outcome.TOKEN_MISSING, "no token in the form");
        }
        String name = kind == ContentKind.JSON ? "JSON" : "form";
        InputStream entity = request.getEntityStream();
        BodyReader.Body read;
        try {
            // A refused body's rest is read and thrown away (up to a limit), so that the client gets the 413.
            read = BodyReader.read(entity, request.getLength(), settings.maxBodyBytes(),
                    settings.mode() == Mode.ENFORCE);
        } catch (IOException unreadable) {
            return Found.refused(Outcome.TOKEN_MISSING, "the body could not be read");
        }
        if (read.tooLarge()) {
            if (read.bytes() != null) {
                // In monitor mode the request goes on: the resource reads what was read, then the rest.
                request.setEntityStream(new SequenceInputStream(new ByteArrayInputStream(read.bytes()), entity));
            }
            return Found.refused(Outcome.BODY_TOO_LARGE, name + " body over " + settings.maxBodyBytes() + " bytes");
        }
        byte[] body = read.bytes();
        request.setEntityStream(new ByteArrayInputStream(body));
        if (kind == ContentKind.JSON) {
            JsonTokenFinder.Found found = JsonTokenFinder.find(body, body.length, settings.jsonPointer());
            if (found.value() != null) {
                return Found.token(found.value());
            }
            if (found == JsonTokenFinder.Found.NOT_A_STRING) {
                return Found.refused(Outcome.TOKEN_INVALID, "the JSON token is not a string");
            }
            return Found.refused(Outcome.TOKEN_MISSING, found == JsonTokenFinder.Found.MALFORMED
                    ? "the JSON body is not readable up to the token" : "no token in the JSON body");
        }
        FormFields.Lookup field = FormFields.first(body, body.length, settings.formParam(), charset(type));
        return field.value() != null ? Found.token(field.value())
                : Found.refused(Outcome.TOKEN_MISSING, "no token in the form");
    }

    /** A form's charset as JAX-RS reads it: its {@code charset} parameter, else UTF-8. */
    static Charset charset(String contentType) {
        String name = null;
        for (String parameter : contentType.split(";")) {
            int equals = parameter.indexOf('=');
            if (equals > 0 && parameter.substring(0, equals).strip().equalsIgnoreCase("charset")) {
                name = parameter.substring(equals + 1).strip();
                if (name.length() > 1 && name.startsWith("\"") && name.endsWith("\"")) {
                    name = name.substring(1, name.length() - 1);
                }
            }
        }
        if (name == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
            return StandardCharsets.ISO_8859_1; // the token is ASCII; the resource will meet the same charset
        }
    }
}
