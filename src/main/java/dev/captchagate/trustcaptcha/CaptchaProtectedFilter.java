package dev.captchagate.trustcaptcha;

import dev.captchagate.trustcaptcha.internal.client.ResultClient;
import dev.captchagate.trustcaptcha.internal.config.ConfigMessages;
import dev.captchagate.trustcaptcha.internal.config.Configuration;
import dev.captchagate.trustcaptcha.internal.config.Keys;
import dev.captchagate.trustcaptcha.internal.filter.DecisionPublisher;
import dev.captchagate.trustcaptcha.internal.filter.FilterSettings;
import dev.captchagate.trustcaptcha.internal.filter.Problem;
import dev.captchagate.trustcaptcha.internal.filter.ResourceCheck;
import dev.captchagate.trustcaptcha.internal.util.Containers;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The JAX-RS side of {@link CaptchaProtected}: a name-bound {@code ContainerRequestFilter} at priority
 * {@value CaptchaProtected#PRIORITY}, which the JAX-RS runtime finds in this jar by itself. An application that lists
 * its own classes or singletons (and so turns that scanning off) adds this class to them, or registers it in a
 * {@code Feature}, with the priority it chooses.
 *
 * <p>Each resource method's settings are worked out the first time it is called: its binding (the annotation on the
 * method, else on its class, else on the {@code Application}), the named policy and the annotation's score. A binding
 * that cannot work (a policy that no key configures, a score out of range) is logged at SEVERE and refuses its
 * requests with 503 {@code verification-unavailable}.
 */
@Provider
@CaptchaProtected
@Priority(CaptchaProtected.PRIORITY)
public class CaptchaProtectedFilter implements ContainerRequestFilter {

    private static final Logger LOG = Logger.getLogger(CaptchaProtectedFilter.class.getName());

    @Context
    private ResourceInfo resource;

    @Context
    private HttpServletRequest servletRequest;

    @Context
    private Application application;

    private final ConcurrentMap<List<Object>, ResourceCheck> checks = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, DecisionPublisher> publishers = new ConcurrentHashMap<>();
    private volatile Boolean formsFromParameters;

    /** The filter as the JAX-RS runtime creates it. */
    public CaptchaProtectedFilter() {
    }

    /**
     * Checks a request to a bound resource method; aborts it with the problem when it is refused.
     *
     * @param request the request
     */
    @Override
    public void filter(ContainerRequestContext request) {
        Class<?> type = resource.getResourceClass();
        Method method = resource.getResourceMethod();
        List<Object> target = List.of(type == null ? Object.class : type, method == null ? "" : method);
        Problem problem = checks.computeIfAbsent(target, ignored -> check(type, method)).apply(request,
                request.getUriInfo().getRequestUri().getRawPath(), clientAddress(),
                formsFromParameters(request) ? this::servletParameter : null);
        if (problem != null) {
            Response.ResponseBuilder answer = Response.status(problem.status())
                    .type(Problem.CONTENT_TYPE)
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .entity(problem.body());
            if (problem.retryAfter()) {
                answer.header(HttpHeaders.RETRY_AFTER, Integer.toString(Problem.RETRY_AFTER_SECONDS));
            }
            request.abortWith(answer.build());
        }
    }

    /**
     * Whether the JAX-RS runtime takes a url-encoded form's {@code @FormParam} values from the servlet request's
     * parameters, so that the token must be read there and the entity left alone: Open Liberty's does (measured: a
     * form handed back as the entity reached the method without its fields); Jersey on Payara and RESTEasy on
     * WildFly read the entity, which the check hands back. Told by the server info, and said once in the log.
     */
    private boolean formsFromParameters(ContainerRequestContext request) {
        Boolean known = formsFromParameters;
        if (known == null) {
            String server;
            try {
                server = servletRequest.getServletContext().getServerInfo();
            } catch (RuntimeException notServlet) {
                server = null;
            }
            known = Containers.liberty(server);
            formsFromParameters = known;
            LOG.info("TrustCaptcha @CaptchaProtected: url-encoded forms are read " + (known
                    ? "through the servlet request's parameters, where this JAX-RS runtime takes @FormParam from"
                    : "from the entity, which the resource method then reads as sent") + " (" + server + ")");
        }
        return known;
    }

    /**
     * A parameter of the servlet request, decoded as the container decodes it for the resource method too (the
     * encoding is left alone: measured on Open Liberty, an unprotected method's {@code @FormParam} gets the same).
     */
    private String servletParameter(String name) {
        return servletRequest.getParameter(name);
    }

    private String clientAddress() {
        try {
            return servletRequest == null ? null : servletRequest.getRemoteAddr();
        } catch (RuntimeException notServlet) {
            return null;
        }
    }

    /** The check of one resource method: its binding, its policy, and the library's verifier. */
    private ResourceCheck check(Class<?> type, Method method) {
        CaptchaProtected onMethod = method == null ? null : method.getAnnotation(CaptchaProtected.class);
        CaptchaProtected binding = onMethod;
        String where = method == null ? String.valueOf(type) : type.getName() + "." + method.getName();
        if (binding == null) {
            binding = annotation(type);
        }
        if (binding == null) {
            Class<?> app = applicationClass();
            binding = annotation(app);
            where = app == null ? where : app.getName();
        }
        String policyName = binding == null ? "" : binding.policy();
        double maxScore = binding == null ? Double.NaN : binding.maxScore();
        String name = "@CaptchaProtected" + (policyName.isEmpty() ? "" : "(" + policyName + ")");
        Configuration global = Configuration.of(ConfigProvider.getConfig());
        Configuration.FilterConfiguration configuration = policyName.isEmpty()
                ? global.forFilter(name, Map.of()) : global.policy(policyName).orElse(null);
        String problem = null;
        if (configuration == null) {
            problem = ConfigMessages.unknownPolicy(policyName, where);
        } else if (!configuration.problems().isEmpty()) {
            problem = ConfigMessages.deploymentFailed(configuration.problems());
        } else if (!Double.isNaN(maxScore) && !(maxScore >= 0 && maxScore <= 1)) {
            problem = ConfigMessages.invalidMaxScore(maxScore, where);
        }
        FilterSettings settings = configuration == null ? FilterSettings.of(global.forFilter(name, Map.of()))
                : FilterSettings.of(configuration);
        if (problem == null && !Double.isNaN(maxScore)) {
            settings = settings.with(settings.policy().toBuilder().maxScore(maxScore).build());
        }
        boolean everyMethod = onMethod != null;
        ResultClient client;
        TrustCaptchaVerifier verifier;
        DecisionPublisher publisher;
        try {
            client = CDI.current().select(ResultClient.class).get();
            verifier = CDI.current().select(TrustCaptchaVerifier.class).get();
            publisher = publishers.computeIfAbsent(name, filterName -> new DecisionPublisher(
                    CDI.current().getBeanManager().getEvent().select(DecisionEvent.class), System::nanoTime,
                    filterName, client.metrics(), global.get(Keys.PRIVACY_OMIT_PERSONAL_DATA)));
        } catch (RuntimeException noCdi) {
            LOG.severe("TrustCaptcha " + name + " on " + where + " refuses every request with 503: no "
                    + "TrustCaptchaVerifier in CDI (" + noCdi.getClass().getName() + ")");
            return ResourceCheck.misconfigured(settings, everyMethod, "no verifier", DecisionPublisher.NONE);
        }
        if (problem != null) {
            LOG.severe("TrustCaptcha " + name + " on " + where + " refuses every request with 503 until this is "
                    + "fixed: " + problem);
            return ResourceCheck.misconfigured(settings, everyMethod, name + " is misconfigured", publisher);
        }
        ServletContext context = null;
        try {
            if (servletRequest != null) {
                context = servletRequest.getServletContext();
                client.serverIs(context);
            }
        } catch (RuntimeException notServlet) {
            // the bound on calls in flight stays at its default; forms as the Servlet specification says
        }
        LOG.info("TrustCaptcha " + name + " on " + where + ": " + (everyMethod ? "checks every method of it; " : "")
                + settings);
        return new ResourceCheck(settings, everyMethod, verifier::decide, client::refusesNow, publisher, context);
    }

    /**
     * The application's class: the injected {@code Application}'s where it is the application's own (RESTEasy),
     * else the servlet's name, which the specification makes the {@code Application} subclass's name when the
     * runtime adds the servlet itself (Jersey injects its own wrapper).
     */
    private Class<?> applicationClass() {
        try {
            if (application != null && annotation(application.getClass()) != null) {
                return application.getClass();
            }
        } catch (RuntimeException notInjected) {
            // fall through to the servlet's name
        }
        try {
            String servlet = servletRequest.getHttpServletMapping().getServletName();
            return Class.forName(servlet, false, Thread.currentThread().getContextClassLoader());
        } catch (RuntimeException | ClassNotFoundException | LinkageError unknown) {
            return null;
        }
    }

    /** The annotation on a class or its superclasses (a CDI proxy's class extends the bean's). */
    private static CaptchaProtected annotation(Class<?> type) {
        for (Class<?> at = type; at != null && at != Object.class; at = at.getSuperclass()) {
            CaptchaProtected found = at.getAnnotation(CaptchaProtected.class);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
