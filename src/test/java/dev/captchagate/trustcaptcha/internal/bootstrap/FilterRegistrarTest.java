package dev.captchagate.trustcaptcha.internal.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.captchagate.trustcaptcha.TrustCaptchaFilter;
import dev.captchagate.trustcaptcha.testing.CapturedLog;
import dev.captchagate.trustcaptcha.testing.MapConfig;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * What self-registration asks of the container: the filter for every configured pattern, after the application's
 * declared filters, whether or not the application declares the filter too.
 */
class FilterRegistrarTest {

    private static final MapConfig CONFIG = MapConfig.of("trustcaptcha.api-key", "ak_" + "x".repeat(49));

    /** A filter of the application's own, as a subclass declared by annotation would be. */
    public static class AppCaptcha extends TrustCaptchaFilter {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void registersTheFilterForTheConfiguredPatternsAfterTheApplicationsDeclaredFilters() throws ServletException {
        Context context = new Context();
        context.declare("cors", "com.example.CorsFilter");

        FilterRegistrar.register(context.proxy(), CONFIG.with("trustcaptcha.filter.url-patterns", "/api/*,/login"));

        assertEquals(List.of("TrustCaptchaFilter " + TrustCaptchaFilter.class.getName()), context.added);
        assertEquals(List.of("REQUEST after declared: /api/*, /login"), context.mappings);
        assertEquals(List.of("async"), context.async);
    }

    @Test
    void aDeclaredTrustCaptchaFilterDoesNotLeaveTheConfiguredPatternsUnprotected() throws ServletException {
        Context context = new Context();
        context.declare("login", TrustCaptchaFilter.class.getName());
        context.declare("api", AppCaptcha.class.getName());

        try (CapturedLog log = CapturedLog.of(Logger.getLogger(FilterRegistrar.class.getName()))) {
            FilterRegistrar.register(context.proxy(), CONFIG.with("trustcaptcha.filter.url-patterns", "/other/*"));
            assertEquals(List.of("TrustCaptcha: filter 'TrustCaptchaFilter' registered for /other/* "
                    + "(trustcaptcha.filter.url-patterns), after the application's declared filters; where the "
                    + "application's own 'login' (" + TrustCaptchaFilter.class.getName() + "), 'api' ("
                    + AppCaptcha.class.getName() + ") also match a request, they run first and decide"),
                    log.records().stream().map(record -> record.getMessage()).toList());
        }
        assertEquals(List.of("TrustCaptchaFilter " + TrustCaptchaFilter.class.getName()), context.added);
        assertEquals(List.of("REQUEST after declared: /other/*"), context.mappings);
    }

    @Test
    void takesAnotherNameWhenTheApplicationHasAFilterNamedLikeIt() throws ServletException {
        Context context = new Context();
        context.declare("TrustCaptchaFilter", TrustCaptchaFilter.class.getName());

        FilterRegistrar.register(context.proxy(), CONFIG.with("trustcaptcha.filter.url-patterns", "/api/*"));

        assertEquals(List.of("TrustCaptchaFilter (trustcaptcha.filter.url-patterns) "
                + TrustCaptchaFilter.class.getName()), context.added);
        assertEquals(List.of("REQUEST after declared: /api/*"), context.mappings);
    }

    @Test
    void failsTheDeploymentNamingThePatternsWhenNoNameIsFree() {
        Context context = new Context();
        context.declare("TrustCaptchaFilter", "com.example.Other");
        context.declare("TrustCaptchaFilter (trustcaptcha.filter.url-patterns)", "com.example.Other");

        ServletException failure = assertThrows(ServletException.class, () -> FilterRegistrar.register(
                context.proxy(), CONFIG.with("trustcaptcha.filter.url-patterns", "/api/*,/login")));
        assertTrue(failure.getMessage().startsWith("TrustCaptcha cannot protect /api/*, /login "
                + "(trustcaptcha.filter.url-patterns)"), failure.getMessage());
    }

    @Test
    void registersNothingWithoutTheKey() throws ServletException {
        Context context = new Context();
        context.declare("login", TrustCaptchaFilter.class.getName());

        FilterRegistrar.register(context.proxy(), CONFIG);

        assertEquals(List.of(), context.added);
    }

    /** The parts of a ServletContext the registrar uses, recording what it is asked to do. */
    private static final class Context {
        final Map<String, FilterRegistration> declared = new LinkedHashMap<>();
        final List<String> added = new ArrayList<>();
        final List<String> mappings = new ArrayList<>();
        final List<String> async = new ArrayList<>();

        void declare(String name, String className) {
            declared.put(name, registration(className));
        }

        ServletContext proxy() {
            return (ServletContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ServletContext.class}, (self, method, args) -> {
                        switch (method.getName()) {
                            case "getFilterRegistrations":
                                return new LinkedHashMap<>(declared);
                            case "getClassLoader":
                                return FilterRegistrarTest.class.getClassLoader();
                            case "addFilter":
                                String name = (String) args[0];
                                if (declared.containsKey(name)) {
                                    return null;
                                }
                                String className = args[1] instanceof Class<?> type ? type.getName() : null;
                                added.add(name + " " + className);
                                FilterRegistration.Dynamic dynamic = registration(className);
                                declared.put(name, dynamic);
                                return dynamic;
                            default:
                                throw new UnsupportedOperationException(method.getName());
                        }
                    });
        }

        private FilterRegistration.Dynamic registration(String className) {
            return (FilterRegistration.Dynamic) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {FilterRegistration.Dynamic.class}, (self, method, args) -> {
                        switch (method.getName()) {
                            case "getClassName":
                                return className;
                            case "getInitParameters":
                                return Map.of();
                            case "setAsyncSupported":
                                async.add((Boolean) args[0] ? "async" : "sync");
                                return null;
                            case "addMappingForUrlPatterns":
                                @SuppressWarnings("unchecked")
                                EnumSet<DispatcherType> types = (EnumSet<DispatcherType>) args[0];
                                mappings.add(String.join(",", types.stream().map(Enum::name).toList())
                                        + ((Boolean) args[1] ? " after declared: " : " before declared: ")
                                        + String.join(", ", (String[]) args[2]));
                                return null;
                            default:
                                throw new UnsupportedOperationException(method.getName());
                        }
                    });
        }
    }
}
