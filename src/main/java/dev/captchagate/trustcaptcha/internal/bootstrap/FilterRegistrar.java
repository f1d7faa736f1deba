package dev.captchagate.trustcaptcha.internal.bootstrap;

import dev.captchagate.trustcaptcha.TrustCaptchaFilter;
import dev.captchagate.trustcaptcha.internal.config.ConfigMessages;
import dev.captchagate.trustcaptcha.internal.config.Configuration;
import dev.captchagate.trustcaptcha.internal.config.Keys;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Checks every {@link TrustCaptchaFilter} the application declares (in {@code web.xml}, a fragment or by annotation)
 * and fails the deployment when one is misconfigured; then, when {@code trustcaptcha.filter.url-patterns} is set,
 * registers the filter for every configured pattern: for the REQUEST dispatcher, with async support, and after the
 * application's declared filter mappings ({@code isMatchAfter}), so that a CORS filter the application declares runs
 * first and refusals carry its headers.
 *
 * <p>A configured pattern is never left unprotected: the filter is registered for all of them even when the
 * application declares filters of its own class. Where a declared instance also matches a request, it runs first and
 * decides (a request is checked once); the registered instance checks what no declared instance checked. Which
 * configured patterns a declared mapping "covers" is not computed: the Servlet API shows a mapping's URL patterns
 * but not its dispatcher types, and an instance may check other methods.
 *
 * <p>A {@link ServletContainerInitializer}, because only those (and listeners declared in {@code web.xml}, a
 * fragment or by annotation) may add filters, and it sees the WAR's own {@code microprofile-config.properties}.
 * It runs whatever the WAR's {@code metadata-complete}; it does not run when the WAR's
 * {@code <absolute-ordering>} leaves this jar out (its fragment is named {@value #FRAGMENT}, or use
 * {@code <others/>}).
 */
public final class FilterRegistrar implements ServletContainerInitializer {

    /**
     * The name of the registered filter; when the application already has a filter of that name, the registered one
     * is named {@code "TrustCaptchaFilter (trustcaptcha.filter.url-patterns)"}.
     */
    public static final String FILTER_NAME = "TrustCaptchaFilter";

    /** The name of this jar's web fragment, for {@code <absolute-ordering>}. */
    public static final String FRAGMENT = "trustcaptcha";

    private static final Logger LOG = Logger.getLogger(FilterRegistrar.class.getName());

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        register(context, ConfigProvider.getConfig(context.getClassLoader()));
    }

    /**
     * Checks the configuration and the declared filters, and registers the filter for the configured patterns.
     *
     * @param context the application's context
     * @param config its configuration
     * @throws ServletException when the configuration is invalid, or the filter cannot be registered
     */
    static void register(ServletContext context, Config config) throws ServletException {
        Configuration configuration = Configuration.of(config);
        List<String> patterns = configuration.get(Keys.URL_PATTERNS);
        Map<String, FilterRegistration> declaredFilters = declaredFilters(context);
        // Every problem at once, whether this runs before or after the CDI extension's own check of the global keys:
        // the global keys, then each declared filter's init-params (a global problem is reported once).
        Set<String> problems = new LinkedHashSet<>(configuration.problems());
        declaredFilters.forEach((name, filter) -> problems.addAll(
                configuration.forFilter(name, filter.getInitParameters()).problems()));
        if (!problems.isEmpty()) {
            // Fails the deployment. (A filter whose init() fails would be left out of the chain by some containers,
            // Payara among them, and the application would run unprotected.)
            throw new ServletException(ConfigMessages.deploymentFailed(List.copyOf(problems)));
        }
        if (patterns.isEmpty()) {
            return;
        }
        String name = FILTER_NAME;
        FilterRegistration.Dynamic registration = context.addFilter(name, TrustCaptchaFilter.class);
        if (registration == null) {
            name = FILTER_NAME + " (" + Keys.URL_PATTERNS.name() + ")";
            registration = context.addFilter(name, TrustCaptchaFilter.class);
        }
        if (registration == null) {
            throw new ServletException("TrustCaptcha cannot protect " + String.join(", ", patterns) + " ("
                    + Keys.URL_PATTERNS.name() + "): the application already has filters named '" + FILTER_NAME + "' and '"
                    + name + "'");
        }
        registration.setAsyncSupported(true);
        // isMatchAfter: after every filter mapping the application declares (web.xml, fragments, annotations), so a
        // CORS filter runs before it, and a declared TrustCaptchaFilter that matches the same request decides.
        registration.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true,
                patterns.toArray(new String[0]));
        StringBuilder line = new StringBuilder("TrustCaptcha: filter '").append(name).append("' registered for ")
                .append(String.join(", ", patterns)).append(" (").append(Keys.URL_PATTERNS.name())
                .append("), after the application's declared filters");
        if (!declaredFilters.isEmpty()) {
            line.append("; where the application's own ");
            declaredFilters.forEach((declared, filter) -> line.append("'").append(declared).append("' (")
                    .append(filter.getClassName()).append("), "));
            line.setLength(line.length() - 2);
            line.append(declaredFilters.size() == 1 ? " also matches a request, it runs first and decides"
                    : " also match a request, they run first and decide");
        }
        LOG.info(line.toString());
    }

    /** The application's own registrations of {@link TrustCaptchaFilter} and its subclasses, by name. */
    private static Map<String, FilterRegistration> declaredFilters(ServletContext context) {
        Map<String, FilterRegistration> ours = new LinkedHashMap<>();
        for (Map.Entry<String, ? extends FilterRegistration> entry : context.getFilterRegistrations().entrySet()) {
            String className = entry.getValue().getClassName();
            if (className == null) {
                continue;
            }
            try {
                Class<?> type = Class.forName(className, false, context.getClassLoader());
                if (TrustCaptchaFilter.class.isAssignableFrom(type)) {
                    ours.put(entry.getKey(), entry.getValue());
                }
            } catch (ClassNotFoundException | LinkageError notOurs) {
                // The container will report its own filter problems.
            }
        }
        return ours;
    }
}
