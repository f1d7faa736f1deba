package dev.captchagate.trustcaptcha;

import dev.captchagate.trustcaptcha.internal.client.ResultClient;
import dev.captchagate.trustcaptcha.internal.config.ConfigMessages;
import dev.captchagate.trustcaptcha.internal.config.Configuration;
import dev.captchagate.trustcaptcha.internal.config.Keys;
import dev.captchagate.trustcaptcha.internal.filter.DecisionPublisher;
import dev.captchagate.trustcaptcha.internal.filter.FilterSettings;
import dev.captchagate.trustcaptcha.internal.filter.RequestCheck;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Protects URL patterns with TrustCaptcha: a request without a good verification token is refused with an
 * {@code application/problem+json} answer; every other request, its body and its parameters reach the application
 * exactly as they were.
 *
 * <h2>Installation</h2>
 * Add the jar to {@code WEB-INF/lib}, set {@code trustcaptcha.api-key}, and install the filter one of three ways.
 * <ol>
 * <li>In {@code web.xml}; several instances with their own names and init-params may protect different patterns
 * with different settings:
 * <pre>{@code
 * <filter>
 *   <filter-name>login-captcha</filter-name>
 *   <filter-class>dev.captchagate.trustcaptcha.TrustCaptchaFilter</filter-class>
 *   <async-supported>true</async-supported>
 *   <init-param><param-name>token.header</param-name><param-value>X-Captcha</param-value></init-param>
 * </filter>
 * <filter-mapping>
 *   <filter-name>login-captcha</filter-name>
 *   <url-pattern>/login</url-pattern>
 * </filter-mapping>
 * }</pre></li>
 * <li>By annotation, with a subclass in the application:
 * <pre>{@code
 * @WebFilter(urlPatterns = "/api/*", asyncSupported = true)
 * public class ApiCaptcha extends TrustCaptchaFilter {}
 * }</pre></li>
 * <li>With configuration alone: set {@code trustcaptcha.filter.url-patterns} (for example {@code /api/*,/login})
 * and the library registers the filter itself at start-up for the REQUEST dispatcher, after the application's own
 * filters ({@code isMatchAfter}: after every mapping declared in {@code web.xml}, a fragment or by annotation). It
 * registers it for every configured pattern, also when the application declares filters of this class: where one of
 * those matches a request too, it runs first and decides, so no configured pattern is ever left unprotected.</li>
 * </ol>
 * Declare {@code asyncSupported} (the servlet default is {@code false}, which makes every later
 * {@code startAsync()}, such as a JAX-RS asynchronous resource's, fail); self-registration sets it. Map the filter
 * for the REQUEST dispatcher (the default): it runs once per request, so forwards and includes are not verified
 * again, and when several instances match one request, the first that checks its method decides. Map a CORS filter
 * before it, so that refusals carry its headers: in {@code web.xml}, mappings run in the order written; the
 * Servlet specification leaves the order of {@code @WebFilter} filters open (order them with {@code web.xml}
 * mappings); self-registration comes after all of them. Every filter ahead of this one sees protected requests
 * unverified, and one that answers or forwards the request keeps it from being checked: keep those ahead of it to
 * filters that add headers and pass the request on.
 *
 * <h2>Configuration</h2>
 * MicroProfile Config keys; a key marked "per filter" can be overridden for one instance by an init-param named like
 * the key without {@code trustcaptcha.}. Every value is checked when the application starts; a wrong one, an unknown
 * init-param, or an init-param for a global key fails the deployment with a message that names it. The REST client's
 * keys are set under {@code trustcaptcha/mp-rest/}; keys named after its interface's former class name fail the
 * deployment, naming the key to use. The same per-filter keys set under {@code trustcaptcha.policies.<name>.}
 * (named without {@code policy.} and {@code filter.}, e.g. {@code trustcaptcha.policies.signup.max-score}) make a named
 * policy for a {@link CaptchaProtected} binding or the login of Jakarta Security ({@code trustcaptcha.login.policy}),
 * checked at deployment like the rest.
 * <table>
 * <caption>Keys</caption>
 * <tr><th>key</th><th>default</th><th>per filter</th><th>meaning</th></tr>
 * <tr><td>{@code trustcaptcha.api-key}</td><td>none: required</td><td>no</td><td>the API key ({@code ak_...})</td></tr>
 * <tr><td>{@code trustcaptcha/mp-rest/url}</td><td>{@code https://api.trustcomponent.com}</td><td>no</td><td>the API
 * host</td></tr>
 * <tr><td>{@code trustcaptcha/mp-rest/connectTimeout}</td><td>{@code 3000}</td><td>no</td><td>ms</td></tr>
 * <tr><td>{@code trustcaptcha/mp-rest/readTimeout}</td><td>{@code 5000}</td><td>no</td><td>ms; a call also ends at
 * connect + read timeout</td></tr>
 * <tr><td>{@code trustcaptcha/mp-rest/followRedirects}</td><td>{@code false}</td><td>no</td><td>must stay
 * {@code false}: redirects are never followed</td></tr>
 * <tr><td>{@code trustcaptcha.resilience.max-concurrent}</td><td>{@code 64}</td><td>no</td><td>the upper bound of
 * the adaptive limit on calls to TrustCaptcha in flight; calls beyond the limit are answered 503 at once. Unset, it
 * follows the server's request threads: 150 on Payara, 12 per core on WildFly, 1 per core (at least 2) on Open
 * Liberty, 64 on other servers</td></tr>
 * <tr><td>{@code trustcaptcha.resilience.breaker-delay}</td><td>{@code PT5S}</td><td>no</td><td>how long the circuit
 * breaker stays open; {@code PT0S} switches it off</td></tr>
 * <tr><td>{@code trustcaptcha.policy.max-unverified-per-minute}</td><td>{@code 60}</td><td>no</td><td>most requests
 * let through unverified a minute, per JVM; beyond it, 503</td></tr>
 * <tr><td>{@code trustcaptcha.filter.methods}</td><td>{@code POST,PUT,PATCH,DELETE}</td><td>yes</td><td>methods that
 * are checked; others pass untouched; OPTIONS (CORS preflight) never is</td></tr>
 * <tr><td>{@code trustcaptcha.token.header}</td><td>{@code X-TrustCaptcha-Token}</td><td>yes</td><td>header that may
 * carry the token</td></tr>
 * <tr><td>{@code trustcaptcha.token.json-pointer}</td><td>{@code /verificationToken}</td><td>yes</td><td>RFC 6901
 * pointer to the token in a JSON body, e.g. {@code /captcha/token}</td></tr>
 * <tr><td>{@code trustcaptcha.token.form-param}</td><td>{@code tc-verification-token}</td><td>yes</td><td>form field
 * (the widget's hidden input)</td></tr>
 * <tr><td>{@code trustcaptcha.body.max-bytes}</td><td>{@code 65536}</td><td>yes</td><td>largest JSON or url-encoded
 * body read, 1 to 16777216</td></tr>
 * <tr><td>{@code trustcaptcha.reject.status}</td><td>{@code 403}</td><td>yes</td><td>status of a rejection, 400 to
 * 499</td></tr>
 * <tr><td>{@code trustcaptcha.policy.max-score}</td><td>{@code 0.5}</td><td>yes</td><td>highest bot score accepted
 * (0 = human, 1 = bot); a score equal to it passes</td></tr>
 * <tr><td>{@code trustcaptcha.policy.allow-when-unreachable}</td><td>{@code false}</td><td>yes</td><td>let a
 * well-formed token through without a result while TrustCaptcha is known to be unreachable: only while the circuit
 * breaker is open (see "Failing open" below)</td></tr>
 * <tr><td>{@code trustcaptcha.policy.reject-gateway-failover}</td><td>{@code false}</td><td>yes</td><td>refuse results
 * from TrustCaptcha's gateway failover</td></tr>
 * <tr><td>{@code trustcaptcha.policy.allowed-origins}</td><td>none</td><td>yes</td><td>comma-separated origins; when
 * set, a result from another origin, or none, is refused</td></tr>
 * <tr><td>{@code trustcaptcha.mode}</td><td>{@code enforce}</td><td>yes</td><td>{@code monitor}: decide, log and
 * publish as in {@code enforce}, block nothing</td></tr>
 * <tr><td>{@code trustcaptcha.filter.url-patterns}</td><td>none</td><td>no</td><td>servlet URL patterns,
 * comma-separated, for self-registration after the application's own filters</td></tr>
 * <tr><td>{@code trustcaptcha.replay.ttl}</td><td>{@code PT15M}</td><td>no</td><td>how long an accepted verification
 * id is remembered, at least {@code PT1S}; a JCache's expiry must match it</td></tr>
 * <tr><td>{@code trustcaptcha.replay.capacity}</td><td>{@code 250000}</td><td>no</td><td>most ids remembered in
 * memory, and the capacity of a JCache the library creates where the provider allows it</td></tr>
 * <tr><td>{@code trustcaptcha.replay.cache}</td><td>{@code trustcaptcha-replay}</td><td>no</td><td>the JCache's
 * name</td></tr>
 * <tr><td>{@code trustcaptcha.startup-check.enabled}</td><td>{@code true}</td><td>no</td><td>ask TrustCaptcha once,
 * shortly after start-up, whether it accepts the API key</td></tr>
 * <tr><td>{@code trustcaptcha.health.down-when-unreachable}</td><td>{@code false}</td><td>no</td><td>make the
 * readiness check DOWN while the circuit breaker refuses calls (open, its delay not over)</td></tr>
 * <tr><td>{@code trustcaptcha.metrics}</td><td>{@code auto}</td><td>no</td><td>{@code auto},
 * {@code microprofile-metrics}, {@code telemetry} or {@code none}</td></tr>
 * <tr><td>{@code trustcaptcha.privacy.omit-personal-data}</td><td>{@code false}</td><td>no</td><td>leave the client
 * address and the result's personal data out of events and request attributes</td></tr>
 * <tr><td>{@code trustcaptcha.login.enabled}</td><td>{@code false}</td><td>no</td><td>verify the request that
 * submits credentials to Jakarta Security before the identity store sees them</td></tr>
 * <tr><td>{@code trustcaptcha.login.policy}</td><td>none</td><td>no</td><td>a named policy for the login</td></tr>
 * <tr><td>{@code trustcaptcha.login.on-refusal}</td><td>{@code problem}</td><td>no</td><td>{@code problem},
 * {@code redirect:/path} or {@code forward:/path}</td></tr>
 * </table>
 *
 * <h2>Where the token is looked for</h2>
 * First match wins: the header; if there is none, by content type, the JSON body ({@code application/json} and any
 * {@code +json}), the url-encoded form, or the multipart form. Never the query string, never another content type.
 * When the header carries a token, the body is not read. A JSON body is parsed with a streaming parser that stops at
 * the token. A JSON or url-encoded body is read into memory, up to {@code body.max-bytes}: larger is refused with 413
 * before more is read. A multipart body is never buffered: the token part comes from the container, which works when
 * the target servlet has {@code @MultipartConfig}; otherwise send the token in the header. The application reads a
 * JSON or url-encoded body the filter read, and its parameters, as its container would give them without the filter
 * (a url-encoded body becomes parameters only where the container would make it parameters, logged at start-up).
 *
 * <h2>Decisions and answers</h2>
 * Every checked request gets a {@link Decision}, published as the request attribute {@value Decision#ATTRIBUTE},
 * through {@link CurrentVerification}, and as a CDI {@link DecisionEvent} (synchronous and asynchronous). A token
 * accepted before, within {@code replay.ttl}, is refused as {@code token-replayed} without asking TrustCaptcha. On
 * success the chain goes on, and the request attribute {@value #RESULT_ATTRIBUTE} holds the
 * {@link VerificationResult}. Read it there: TrustCaptcha hands out a result once, so fetching it again fails.
 * Every refusal is {@code application/problem+json} with a stable {@code code}; when several apply, the first of
 * this list wins: {@code body-too-large} (413), {@code token-missing}, {@code token-invalid},
 * {@code token-replayed}, {@code verification-not-found}, {@code verification-expired},
 * {@code verification-not-finished}, {@code retrieval-limit-reached}, {@code failover-rejected},
 * {@code verification-failed}, {@code score-too-high}, {@code origin-not-allowed},
 * {@code gateway-failover-rejected} (the reject status) and {@code verification-unavailable} (503 with
 * {@code Retry-After}). The answer never echoes the token, and each refusal is logged once (code, method, path)
 * with a limit on lines per minute. In monitor mode nothing is refused: the decision is logged and published, and
 * the request goes on.
 *
 * <h2>Failing open</h2>
 * No request fails open because its own call failed; fail open applies only while the circuit breaker is open.
 * The breaker opens only when half of the last 20 calls (at least 10) could not reach TrustCaptcha (connection
 * refused, DNS, no route, connect or read timeout, the call's deadline, 502/503/504) and a probe of the library's
 * own (the result of a random verification id) confirms it. Then, and only under
 * {@code policy.allow-when-unreachable}, a well-formed token passes as {@code accepted-unverified}, each one logged,
 * at most {@code policy.max-unverified-per-minute} a minute. Everything else is refused with 503
 * {@code verification-unavailable}, whatever the policy: one failed call, our own saturation (every call slot
 * busy), a TLS failure, anything after a 2xx that is not a valid result, a 3xx, an unexpected 4xx or 5xx, our API
 * key refused, a failing replay store, an unclassified exception, a stopped pool.
 */
public class TrustCaptchaFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private static final Logger LOG = Logger.getLogger(TrustCaptchaFilter.class.getName());

    /**
     * The request attribute that holds the {@link VerificationResult} of an accepted request (the same as
     * {@link VerificationResult#ATTRIBUTE}).
     */
    public static final String RESULT_ATTRIBUTE = VerificationResult.ATTRIBUTE;

    private transient DecisionPublisher publisher = DecisionPublisher.NONE;
    private transient RequestCheck check;

    /** The filter as the container creates it: configuration from MicroProfile Config, the verifier from CDI. */
    public TrustCaptchaFilter() {
    }

    /**
     * Reads and checks this instance's settings and finds the verifier. A filter that cannot work (invalid settings,
     * no verifier) does not throw, because a servlet container may then leave it out of the chain and serve the
     * protected paths unprotected: it logs why at SEVERE and fails closed, answering every request it would check
     * with 503 {@code verification-unavailable}. (The library's initializer has normally failed the deployment
     * before, for the same problems.)
     */
    @Override
    public void init() {
        String name = getFilterName();
        Map<String, String> initParams = new LinkedHashMap<>();
        for (String param : Collections.list(getInitParameterNames())) {
            initParams.put(param, getInitParameter(param));
        }
        Configuration global = Configuration.of(ConfigProvider.getConfig());
        Configuration.FilterConfiguration configuration = global.forFilter(name, initParams);
        FilterSettings settings = FilterSettings.of(configuration);
        if (!configuration.problems().isEmpty()) {
            failClosed(name, settings, ConfigMessages.deploymentFailed(configuration.problems()));
            return;
        }
        TrustCaptchaVerifier verifier;
        ResultClient client;
        try {
            BeanManager beans = CDI.current().getBeanManager();
            verifier = CDI.current().select(TrustCaptchaVerifier.class).get();
            client = CDI.current().select(ResultClient.class).get();
            publisher = new DecisionPublisher(beans.getEvent().select(DecisionEvent.class), System::nanoTime, name,
                    client.metrics(), global.get(Keys.PRIVACY_OMIT_PERSONAL_DATA));
        } catch (RuntimeException noCdi) {
            failClosed(name, settings, "no TrustCaptchaVerifier in CDI (" + noCdi.getClass().getName() + "): the "
                    + "library needs CDI, which every Jakarta EE web profile server has");
            return;
        }
        try {
            client.serverIs(getServletContext());
        } catch (RuntimeException unknown) {
            // The server's default bound stays the conservative one; nothing else depends on it.
            LOG.warning("TrustCaptcha: the server could not be identified from the filter's servlet context ("
                    + unknown.getClass().getName() + "); the bound on calls in flight stays at its default");
        }
        check = new RequestCheck(settings, verifier::decide, client::refusesNow, publisher, getServletContext());
        LOG.info("TrustCaptcha filter '" + name + "': " + settings);
    }

    private void failClosed(String name, FilterSettings settings, String reason) {
        LOG.severe("TrustCaptcha filter '" + name + "' cannot work and refuses every request it checks with 503 "
                + "until this is fixed: " + reason);
        check = RequestCheck.misconfigured(settings, "filter '" + name + "' is misconfigured", publisher);
    }

    /**
     * Checks the request, refuses it or lets it through.
     *
     * @param request the request
     * @param response the response
     * @param chain the rest of the chain
     * @throws IOException when reading the body or writing the answer fails
     * @throws ServletException from the rest of the chain
     */
    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest next = check.apply(request, response);
        if (next != null) {
            chain.doFilter(next, response);
        }
    }
}
