package dev.captchagate.trustcaptcha.internal.login;

import dev.captchagate.trustcaptcha.Decision;
import dev.captchagate.trustcaptcha.DecisionEvent;
import dev.captchagate.trustcaptcha.LoginRequests;
import dev.captchagate.trustcaptcha.TrustCaptchaVerifier;
import dev.captchagate.trustcaptcha.internal.client.ResultClient;
import dev.captchagate.trustcaptcha.internal.config.ConfigMessages;
import dev.captchagate.trustcaptcha.internal.config.Configuration;
import dev.captchagate.trustcaptcha.internal.config.Keys;
import dev.captchagate.trustcaptcha.internal.filter.DecisionPublisher;
import dev.captchagate.trustcaptcha.internal.filter.FilterSettings;
import dev.captchagate.trustcaptcha.internal.filter.LoginCheck;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The CAPTCHA on the login of Jakarta Security: decorates every {@code HttpAuthenticationMechanism} (the built-in
 * form mechanisms, which Soteria and Open Liberty make decoratable, and the application's own), and verifies the
 * request that submits credentials before the mechanism, and so the identity store, sees them. A refused login is
 * answered as {@code trustcaptcha.login.on-refusal} says, and the mechanism is not called; every other call goes to
 * the mechanism unchanged. The delegate is {@code @Any}: Jakarta Security 4 gives the built-in mechanisms a
 * qualifier of their own.
 *
 * <p>Which requests submit credentials: {@link LoginCheck#submitsCredentials(HttpServletRequest, boolean)}, and
 * those that any {@link LoginRequests} bean of the application names.
 */
@Decorator
@Priority(Interceptor.Priority.LIBRARY_BEFORE)
public abstract class LoginCaptcha implements HttpAuthenticationMechanism {

    private static final Logger LOG = Logger.getLogger(LoginCaptcha.class.getName());

    @Inject
    @Delegate
    @Any
    HttpAuthenticationMechanism delegate;

    /**
     * The login of each application, found once: by the application's class loader, since a decorator instance
     * lives as long as the mechanism it decorates (a request-scoped mechanism gets one per request).
     */
    private static final Map<ClassLoader, Login> LOGINS = Collections.synchronizedMap(new WeakHashMap<>());

    /** The login's check, its answer to a refusal, and the application's rules. */
    private record Login(LoginCheck check, String onRefusal, List<LoginRequests> rules) {
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) throws AuthenticationException {
        Login current = login();
        if (submitsCredentials(current, request, context)) {
            Decision refusal = current.check().check(request);
            if (refusal != null) {
                return refuse(current, request, response, context, refusal);
            }
        }
        return delegate.validateRequest(request, response, context);
    }

    /** The library's rule, or any of the application's {@link LoginRequests}: they add to it, never replace it. */
    private static boolean submitsCredentials(Login current, HttpServletRequest request, HttpMessageContext context) {
        AuthenticationParameters parameters = context.getAuthParameters(); // null on Open Liberty at times
        if (LoginCheck.submitsCredentials(request, parameters != null && parameters.getCredential() != null)) {
            return true;
        }
        for (LoginRequests rule : current.rules()) {
            try {
                if (rule.submitsCredentials(request, context)) {
                    return true;
                }
            } catch (RuntimeException failed) {
                return true; // a rule that cannot tell: the token is checked rather than the credentials let through
            }
        }
        return false;
    }

    private static AuthenticationStatus refuse(Login current, HttpServletRequest request, HttpServletResponse response,
                                               HttpMessageContext context, Decision refusal)
            throws AuthenticationException {
        String onRefusal = current.onRefusal();
        if (onRefusal.startsWith("redirect:")) {
            String path = onRefusal.substring("redirect:".length());
            return context.redirect(request.getContextPath() + path + (path.contains("?") ? "&" : "?")
                    + "trustcaptcha=" + refusal.code());
        }
        if (onRefusal.startsWith("forward:")) {
            return context.forward(onRefusal.substring("forward:".length()));
        }
        try {
            current.check().refuse(response, refusal);
        } catch (IOException clientGone) {
            throw new AuthenticationException("the refusal of the login could not be written", clientGone);
        }
        // SEND_CONTINUE: the mechanism has answered. (SEND_FAILURE would have a FORM login's LoginToContinue
        // redirect to its error page on top of the committed answer.)
        return AuthenticationStatus.SEND_CONTINUE;
    }

    private static Login login() {
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        Login current = LOGINS.get(application);
        if (current == null) {
            synchronized (LOGINS) {
                current = LOGINS.get(application);
                if (current == null) {
                    current = start();
                    LOGINS.put(application, current);
                }
            }
        }
        return current;
    }

    /**
     * The login's settings and the library's verifier. The deployment has failed before for a configuration with
     * problems; should one come through, the login is refused with 503 rather than let through unverified.
     */
    private static Login start() {
        Config config = ConfigProvider.getConfig();
        Configuration global = Configuration.of(config);
        String policy = global.get(Keys.LOGIN_POLICY);
        Configuration.FilterConfiguration configuration = policy.isEmpty()
                ? global.forFilter("login", Map.of()) : global.policy(policy, config).orElse(null);
        CDI<Object> cdi = CDI.current();
        ResultClient client = cdi.select(ResultClient.class).get();
        TrustCaptchaVerifier verifier = cdi.select(TrustCaptchaVerifier.class).get();
        DecisionPublisher publisher = new DecisionPublisher(
                cdi.getBeanManager().getEvent().select(DecisionEvent.class), System::nanoTime, "login",
                client.metrics(), global.get(Keys.PRIVACY_OMIT_PERSONAL_DATA));
        LoginCheck check;
        if (configuration == null || !configuration.problems().isEmpty()) {
            String reason = configuration == null ? ConfigMessages.unknownLoginPolicy(policy)
                    : ConfigMessages.deploymentFailed(configuration.problems());
            LOG.severe("TrustCaptcha login refuses every login with 503 until this is fixed: " + reason);
            check = LoginCheck.misconfigured(FilterSettings.of(global.forFilter("login", Map.of())),
                    "the login's policy is misconfigured", publisher);
        } else {
            check = new LoginCheck(FilterSettings.of(configuration), verifier::decide, publisher);
        }
        // Once: an @ApplicationScoped rule is its client proxy, a @Dependent one lives as long as the application.
        List<LoginRequests> rules = cdi.select(LoginRequests.class).stream().toList();
        LOG.info("TrustCaptcha login: the request that submits credentials to Jakarta Security is verified first ("
                + "SecurityContext.authenticate with a credential, or j_security_check with j_username or j_password"
                + (rules.isEmpty() ? "" : ", or as " + rules.stream().map(rule -> rule.getClass().getName())
                        .collect(Collectors.joining(", ")) + " says")
                + "); refusals answered " + global.get(Keys.LOGIN_ON_REFUSAL) + "; "
                + (policy.isEmpty() ? "" : "policy " + policy + ": ") + check.settings());
        return new Login(check, global.get(Keys.LOGIN_ON_REFUSAL), rules);
    }
}
