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
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
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

    private final ConcurrentMap<List<Object>, Bound> checks = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, DecisionPublisher> publishers = new ConcurrentHashMap<>();
    private volatile Boolean restEasy;

    /**
     * A resource method's check, and whether its form fields come from the servlet request's parameters.
     *
     * @param check the check
     * @param formParameters whether the method takes {@code @FormParam} or {@code @BeanParam} values, which the
     *     runtime reads from the servlet request's parameters (RESTEasy)
     */
    private record Bound(ResourceCheck check, boolean formParameters) {
    }

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
        Bound bound = checks.get(target);
        if (bound == null) {
            Bound made = bind(type, method, request);
            Bound earlier = made.check() != null ? checks.putIfAbsent(target, made) : null;
            bound = earlier != null ? earlier : made;
        }
        ResourceCheck check = bound.check() != null ? bound.check() : unavailable();
        Problem problem = check.apply(request, request.getUriInfo().getRequestUri().getRawPath(), clientAddress(),
                bound.formParameters() ? this::servletParameter : null);
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
     * Whether this JAX-RS runtime is RESTEasy (WildFly, Open Liberty), which takes a url-encoded form's
     * {@code @FormParam} values from the servlet request's parameters: a method that has some gets its form's token
     * read there, decoded as the runtime decodes its fields (measured: on Open Liberty a form handed back as the
     * entity reached the method without its fields; on WildFly, decoded otherwise than on an unprotected method). Jersey
     * (Payara) reads the entity, which the check hands back. Told by the runtime's own request class and, for Open
     * Liberty, its server info; said once in the log.
     */
    private boolean restEasy(ContainerRequestContext request) {
        Boolean known = restEasy;
        if (known == null) {
            String server;
            try {
                server = servletRequest.getServletContext().getServerInfo();
            } catch (RuntimeException notServlet) {
                server = null;
            }
            String runtime = request.getClass().getName();
            known = servletRequest != null && (runtime.startsWith("org.jboss.resteasy.") || Containers.liberty(server));
            restEasy = known;
            LOG.info("TrustCaptcha @CaptchaProtected: the url-encoded form of a method with @FormParam is read "
                    + (known ? "through the servlet request's parameters, where this JAX-RS runtime takes them from"
                    : "from the entity, which the resource method then reads as sent") + " (" + runtime + " on "
                    + server + "); other forms from the entity");
        }
        return known;
    }

    /**
     * A parameter of the servlet request, decoded as the container decodes it for the resource method too (the
     * encoding is left alone: measured on Open Liberty and WildFly, an unprotected method's {@code @FormParam} gets
     * the same).
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

    /** A check for a request whose binding could not be worked out now (no CDI yet): 503, not remembered. */
    private static ResourceCheck unavailable() {
        return ResourceCheck.misconfigured(FilterSettings.of(Configuration.of(ConfigProvider.getConfig())
                .forFilter("@CaptchaProtected", Map.of())), true, "no verifier in CDI", DecisionPublisher.NONE);
    }

    /**
     * The check of one resource method: its binding (nearest the method: the method, a method it overrides or
     * implements, its class and theirs, the application), its policy, and the library's verifier. The runtime has
     * bound the filter, so a binding is there: when none is found, or it cannot work, the method's requests are
     * refused with 503, never checked under weaker defaults. A check without a verifier (CDI not there yet) is not
     * remembered.
     */
    private Bound bind(Class<?> type, Method method, ContainerRequestContext request) {
        String where = method == null ? String.valueOf(type)
                : (type == null ? method.getDeclaringClass() : type).getName() + "." + method.getName();
        CaptchaProtected onMethod = method == null ? null : methodAnnotation(type, method);
        CaptchaProtected binding = onMethod != null ? onMethod : annotation(type);
        if (binding == null) {
            Class<?> app = applicationClass();
            binding = annotation(app);
            if (binding != null) {
                where = app.getName();
            }
        }
        boolean formParameters = method != null && takesFormParameters(method) && restEasy(request);
        String policyName = binding == null ? "" : binding.policy();
        double maxScore = binding == null ? Double.NaN : binding.maxScore();
        String name = "@CaptchaProtected" + (policyName.isEmpty() ? "" : "(" + policyName + ")");
        Config config = ConfigProvider.getConfig();
        Configuration global = Configuration.of(config);
        Configuration.FilterConfiguration configuration = policyName.isEmpty()
                ? global.forFilter(name, Map.of()) : global.policy(policyName, config).orElse(null);
        String problem = null;
        if (binding == null) {
            problem = "the binding was not found on the method, its class or the application (a servlet of the "
                    + "JAX-RS application declared under another name than the Application class, say); put "
                    + "@CaptchaProtected on the resource method or class";
        } else if (configuration == null) {
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
        boolean everyMethod = onMethod != null || binding == null;
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
            LOG.severe("TrustCaptcha " + name + " on " + where + " refuses this request with 503: no "
                    + "TrustCaptchaVerifier in CDI (" + noCdi.getClass().getName() + ")");
            return new Bound(null, formParameters);
        }
        if (problem != null) {
            LOG.severe("TrustCaptcha " + name + " on " + where + " refuses every request with 503 until this is "
                    + "fixed: " + problem);
            return new Bound(ResourceCheck.misconfigured(settings, true, name + " is misconfigured", publisher),
                    formParameters);
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
        return new Bound(new ResourceCheck(settings, everyMethod, verifier::decide, client::refusesNow, publisher,
                context), formParameters);
    }

    /** Whether a method takes form fields by annotation, directly or in a bean parameter. */
    private static boolean takesFormParameters(Method method) {
        for (Annotation[] parameter : method.getParameterAnnotations()) {
            for (Annotation annotation : parameter) {
                if (annotation instanceof FormParam || annotation instanceof BeanParam) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The application's class: the injected {@code Application}'s where it is the application's own (RESTEasy), or
     * the one it wraps ({@code getApplication()}, Jersey's {@code ResourceConfig}), else the servlet's name, which the
     * specification makes the {@code Application} subclass's name when the runtime adds the servlet itself.
     */
    private Class<?> applicationClass() {
        try {
            if (application != null) {
                Object app = application;
                if (annotation(app.getClass()) == null) {
                    Method wrapped = app.getClass().getMethod("getApplication");
                    if (Application.class.isAssignableFrom(wrapped.getReturnType())) {
                        Object inner = wrapped.invoke(app);
                        app = inner != null ? inner : app;
                    }
                }
                if (annotation(app.getClass()) != null) {
                    return app.getClass();
                }
            }
        } catch (ReflectiveOperationException | RuntimeException notThere) {
            // fall through to the servlet's name
        }
        try {
            String servlet = servletRequest.getHttpServletMapping().getServletName();
            return Class.forName(servlet, false, Thread.currentThread().getContextClassLoader());
        } catch (RuntimeException | ClassNotFoundException | LinkageError unknown) {
            return null;
        }
    }

    /**
     * The annotation on a resource method, or on a method it overrides or implements (JAX-RS annotations are
     * inherited from them).
     */
    private static CaptchaProtected methodAnnotation(Class<?> type, Method method) {
        CaptchaProtected found = method.getAnnotation(CaptchaProtected.class);
        if (found != null) {
            return found;
        }
        for (Class<?> at : hierarchy(type == null ? method.getDeclaringClass() : type)) {
            try {
                found = at.getDeclaredMethod(method.getName(), method.getParameterTypes())
                        .getAnnotation(CaptchaProtected.class);
            } catch (NoSuchMethodException notHere) {
                continue;
            }
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** The annotation on a class, its superclasses or its interfaces (a CDI proxy's class extends the bean's). */
    private static CaptchaProtected annotation(Class<?> type) {
        if (type == null) {
            return null;
        }
        for (Class<?> at : hierarchy(type)) {
            CaptchaProtected found = at.getAnnotation(CaptchaProtected.class);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** A class, its superclasses, then every interface they implement, nearest first. */
    private static List<Class<?>> hierarchy(Class<?> type) {
        List<Class<?>> classes = new ArrayList<>();
        for (Class<?> at = type; at != null && at != Object.class; at = at.getSuperclass()) {
            classes.add(at);
        }
        for (int i = 0; i < classes.size(); i++) {
            for (Class<?> implemented : classes.get(i).getInterfaces()) {
                if (!classes.contains(implemented)) {
                    classes.add(implemented);
                }
            }
        }
        return classes;
    }
}
