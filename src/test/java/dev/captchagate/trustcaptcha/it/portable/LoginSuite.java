package dev.captchagate.trustcaptcha.it.portable;

import static dev.captchagate.trustcaptcha.it.TestWars.apiConfig;
import static dev.captchagate.trustcaptcha.it.TestWars.war;
import static dev.captchagate.trustcaptcha.it.TestWars.with;
import static dev.captchagate.trustcaptcha.it.TestWars.withoutKeyCheck;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.captchagate.trustcaptcha.it.Http;
import dev.captchagate.trustcaptcha.it.app.EchoServlet;
import dev.captchagate.trustcaptcha.it.app.login.CountServlet;
import dev.captchagate.trustcaptcha.it.app.login.CountingIdentityStore;
import dev.captchagate.trustcaptcha.it.app.login.CustomFormLoginConfig;
import dev.captchagate.trustcaptcha.it.app.login.FormLoginConfig;
import dev.captchagate.trustcaptcha.it.app.login.HeaderLogins;
import dev.captchagate.trustcaptcha.it.app.login.HeaderMechanism;
import dev.captchagate.trustcaptcha.it.app.login.LoginPageServlet;
import dev.captchagate.trustcaptcha.it.app.login.RolesConfig;
import dev.captchagate.trustcaptcha.it.app.login.SecretServlet;
import dev.captchagate.trustcaptcha.it.app.login.SignInServlet;
import dev.captchagate.trustcaptcha.testing.Answer;
import dev.captchagate.trustcaptcha.testing.FakeTrustCaptchaApi;
import dev.captchagate.trustcaptcha.testing.Results;
import dev.captchagate.trustcaptcha.testing.Tokens;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The CAPTCHA on the login of Jakarta Security ({@code trustcaptcha.login.enabled}), on a real server: WARs with an
 * identity store that counts the credentials it is shown, a custom form login ({@code login}, and {@code loginoff},
 * the same without the CAPTCHA, to compare with; {@code loginforward}, refusals forwarded to a page;
 * {@code loginfilter}, behind the servlet filter with a stricter policy of its own), FORM logins ({@code formlogin},
 * refusals redirected to the login page; {@code formproblem}, answered with the problem) and an application's own
 * mechanism ({@code ownlogin}, credentials in headers, which its {@code LoginRequests} bean names); {@code plain}, an application without Jakarta Security beside them; and {@code nomechanism}, the login's
 * CAPTCHA turned on without a mechanism, whose deployment must fail. One subclass per server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class LoginSuite {

    private static final String FORM = "application/x-www-form-urlencoded";

    final ServerProcess server;
    private FakeTrustCaptchaApi fake;
    private Http http;

    LoginSuite(ServerProcess server) {
        this.server = server;
    }

    @BeforeAll
    void start() throws Exception {
        fake = FakeTrustCaptchaApi.start();
        Map<String, String> base = withoutKeyCheck(apiConfig(fake.url()));
        Map<String, String> login = with(base, "trustcaptcha.login.enabled", "true");
        List<WebArchive> archives = List.of(
                war("login", login).addClasses(CustomFormLoginConfig.class, CountingIdentityStore.class,
                        CountServlet.class, SecretServlet.class, SignInServlet.class, LoginPageServlet.class),
                war("loginoff", base).addClasses(CustomFormLoginConfig.class, CountingIdentityStore.class,
                        CountServlet.class, SecretServlet.class, SignInServlet.class, LoginPageServlet.class),
                war("formlogin", with(login, "trustcaptcha.login.on-refusal", "redirect:/login-page"))
                        .addClasses(FormLoginConfig.class, CountingIdentityStore.class, CountServlet.class,
                                SecretServlet.class, LoginPageServlet.class),
                war("loginforward", with(login, "trustcaptcha.login.on-refusal", "forward:/login-error"))
                        .addClasses(CustomFormLoginConfig.class, CountingIdentityStore.class, CountServlet.class,
                                SecretServlet.class, SignInServlet.class, LoginPageServlet.class),
                war("formproblem", login).addClasses(FormLoginConfig.class, CountingIdentityStore.class,
                        CountServlet.class, SecretServlet.class, LoginPageServlet.class),
                war("ownlogin", login).addClasses(HeaderMechanism.class, HeaderLogins.class, RolesConfig.class,
                        CountingIdentityStore.class, CountServlet.class, SecretServlet.class),
                war("loginfilter", with(with(with(login, "trustcaptcha.filter.url-patterns", "/signin"),
                        "trustcaptcha.login.policy", "strict"), "trustcaptcha.policies.strict.max-score", "0.2"))
                        .addClasses(CustomFormLoginConfig.class, CountingIdentityStore.class, CountServlet.class,
                                SecretServlet.class, SignInServlet.class, LoginPageServlet.class),
                war("plain", with(base, "trustcaptcha.filter.url-patterns", "/api/*")).addClasses(EchoServlet.class),
                // Last: on Payara Micro, a context that fails to start stops the ones after it at the same boot.
                war("nomechanism", login).addClasses(EchoServlet.class));
        Path wars = Files.createDirectories(server.work.resolveSibling(server.work.getFileName() + "-login-wars"));
        List<Path> files = new ArrayList<>();
        for (WebArchive war : archives) {
            Path file = wars.resolve(war.getName());
            war.as(ZipExporter.class).exportTo(file.toFile(), true);
            files.add(file);
        }
        server.start(files);
        http = Http.at(server.baseUri());
    }

    @AfterAll
    void stop() throws Exception {
        try {
            server.close();
        } finally {
            if (fake != null) {
                fake.close();
            }
        }
    }

    @Test
    @Order(1)
    void aCustomFormLoginIsVerifiedBeforeTheIdentityStoreSeesTheCredentials() {
        int before = calls("login");
        assertProblem(signIn("login", null, "secret"), "token-missing");
        UUID bot = UUID.randomUUID();
        assertProblem(signIn("login", token(bot, Results.bot(bot)), "secret"), "score-too-high");
        assertProblem(signIn("login", Tokens.NOT_JSON, "secret"), "token-invalid");
        assertEquals(before, calls("login"), "the identity store was asked for a refused login");

        UUID id = UUID.randomUUID();
        String token = token(id, Results.human(id));
        HttpResponse<String> good = signIn("login", token, "secret");
        assertEquals(200, good.statusCode(), good.body());
        JsonObject signedIn = Http.json(good);
        assertEquals("SUCCESS", signedIn.getString("status"), good.body());
        assertEquals("grace", signedIn.getString("caller"), good.body());
        assertEquals(before + 1, calls("login"));

        assertProblem(signIn("login", token, "secret"), "token-replayed");
        assertEquals(before + 1, calls("login"), "the identity store was asked for a replayed token");
        assertEquals(1, fake.requestsFor(id).size(), "TrustCaptcha was asked once");
    }

    @Test
    @Order(2)
    void aGoodTokenWithBadCredentialsFailsAsWithoutTheCaptcha() {
        int before = calls("login");
        UUID id = UUID.randomUUID();
        HttpResponse<String> bad = signIn("login", token(id, Results.human(id)), "wrong");
        HttpResponse<String> without = signIn("loginoff", null, "wrong");
        assertEquals(without.statusCode(), bad.statusCode(), bad.body());
        assertEquals(without.body(), bad.body());
        assertTrue(without.statusCode() == 401 || without.body().contains("SEND_FAILURE"), without.body());
        assertEquals(before + 1, calls("login"));

        // And without the CAPTCHA, the same application signs in without a token: the CAPTCHA refused the others.
        HttpResponse<String> open = signIn("loginoff", null, "secret");
        assertEquals("SUCCESS", Http.json(open).getString("status"), open.body());
    }

    @Test
    @Order(3)
    void aFormLoginIsVerifiedAndARefusalRedirectedToTheLoginPageWithItsCode() {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> secret = send(browser, HttpRequest.newBuilder(http.uri("/formlogin/secret")).GET());
        assertEquals(302, secret.statusCode(), secret.body());
        assertTrue(location(secret).endsWith("/formlogin/login-page"), location(secret));

        int before = calls("formlogin");
        HttpResponse<String> refused = send(browser, securityCheck("/formlogin", null));
        assertEquals(302, refused.statusCode(), refused.body());
        assertTrue(location(refused).endsWith("/formlogin/login-page?trustcaptcha=token-missing"), location(refused));
        UUID bot = UUID.randomUUID();
        HttpResponse<String> botRefused = send(browser, securityCheck("/formlogin", token(bot, Results.bot(bot))));
        assertTrue(location(botRefused).endsWith("/formlogin/login-page?trustcaptcha=score-too-high"),
                location(botRefused));
        assertEquals(before, calls("formlogin"), "the identity store was asked for a refused login");

        UUID id = UUID.randomUUID();
        HttpResponse<String> accepted = send(browser, securityCheck("/formlogin", token(id, Results.human(id))));
        assertEquals(302, accepted.statusCode(), accepted.body());
        assertTrue(location(accepted).endsWith("/formlogin/secret"), location(accepted));
        assertEquals(before + 1, calls("formlogin"));
        HttpResponse<String> in = send(browser, HttpRequest.newBuilder(http.uri("/formlogin/secret")).GET());
        assertEquals(200, in.statusCode(), in.body());
        assertEquals("secret for grace", in.body());
    }

    @Test
    @Order(4)
    void everyRequestToJSecurityCheckWithCredentialsIsVerifiedWhateverItsMethodAndPath() {
        int before = calls("formlogin");
        String credentials = "j_username=grace&j_password=secret";
        List<HttpRequest.Builder> variants = List.of(
                HttpRequest.newBuilder(http.uri("/formlogin/j_security_check;x=1")).header("Content-Type", FORM)
                        .POST(HttpRequest.BodyPublishers.ofString(credentials)),
                HttpRequest.newBuilder(http.uri("/formlogin/j_security_check/more")).header("Content-Type", FORM)
                        .POST(HttpRequest.BodyPublishers.ofString(credentials)),
                HttpRequest.newBuilder(http.uri("/formlogin/j_security_check?" + credentials)).GET(),
                HttpRequest.newBuilder(http.uri("/formlogin/j_security_check")).header("Content-Type", FORM)
                        .method("post", HttpRequest.BodyPublishers.ofString(credentials)));
        for (HttpRequest.Builder variant : variants) {
            HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> answer = send(browser, variant);
            assertEquals(before, calls("formlogin"), "the identity store was asked for " + answer.request());
            HttpResponse<String> secret = send(browser, HttpRequest.newBuilder(http.uri("/formlogin/secret")).GET());
            assertEquals(302, secret.statusCode(), "signed in without a token by " + answer.request());
        }
    }

    @Test
    @Order(5)
    void aRefusedFormLoginGetsTheProblemWhenNoPageIsConfigured() {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        assertEquals(302, send(browser, HttpRequest.newBuilder(http.uri("/formproblem/secret")).GET()).statusCode());
        int before = calls("formproblem");
        int logBefore = server.log().length();
        assertProblem(send(browser, securityCheck("/formproblem", null)), "token-missing");
        assertEquals(before, calls("formproblem"));
        String since = server.log().substring(logBefore);
        assertFalse(since.contains("IllegalStateException"), since);
        UUID id = UUID.randomUUID();
        HttpResponse<String> accepted = send(browser, securityCheck("/formproblem", token(id, Results.human(id))));
        assertTrue(location(accepted).endsWith("/formproblem/secret"), location(accepted));
        assertEquals("secret for grace", send(browser, HttpRequest.newBuilder(http.uri("/formproblem/secret"))
                .GET()).body());
    }

    @Test
    @Order(6)
    void anApplicationsOwnMechanismIsVerifiedWhereItsLoginRequestsSaySo() {
        int before = calls("ownlogin");
        HttpRequest.Builder login = HttpRequest.newBuilder(http.uri("/ownlogin/secret")).GET()
                .header("X-Login-User", "grace").header("X-Login-Password", "secret");
        assertProblem(http.send(login), "token-missing");
        assertEquals(before, calls("ownlogin"), "the identity store was asked without a token");
        UUID id = UUID.randomUUID();
        HttpResponse<String> in = http.send(HttpRequest.newBuilder(http.uri("/ownlogin/secret")).GET()
                .header("X-Login-User", "grace").header("X-Login-Password", "secret")
                .header("X-TrustCaptcha-Token", token(id, Results.human(id))));
        assertEquals(200, in.statusCode(), in.body());
        assertEquals("secret for grace", in.body());
        assertEquals(before + 1, calls("ownlogin"));
        assertEquals(401, http.get("/ownlogin/secret").statusCode(), "no credentials: the mechanism's own answer");
    }

    @Test
    @Order(7)
    void behindTheServletFilterTheLoginTakesItsDecisionUnderTheLoginsPolicy() {
        int before = calls("loginfilter");
        UUID id = UUID.randomUUID();
        HttpResponse<String> good = signIn("loginfilter", token(id, Results.json(id, true, 0.1, null, false)),
                "secret");
        assertEquals("SUCCESS", Http.json(good).getString("status"), good.body());
        assertEquals(1, fake.requestsFor(id).size(), "verified once, by the filter");
        UUID middling = UUID.randomUUID();
        assertProblem(signIn("loginfilter", token(middling, Results.json(middling, true, 0.3, null, false)),
                "secret"), "score-too-high");
        assertEquals(1, fake.requestsFor(middling).size());
        assertEquals(before + 1, calls("loginfilter"), "the login's stricter policy kept the store from being asked");
    }

    @Test
    @Order(8)
    void aRefusalForwardedToAPageShowsItsDecision() {
        int before = calls("loginforward");
        HttpResponse<String> refused = signIn("loginforward", null, "secret");
        assertEquals("login page (error), refused: token-missing", refused.body());
        UUID id = UUID.randomUUID();
        HttpResponse<String> good = signIn("loginforward", token(id, Results.human(id)), "secret");
        assertEquals("SUCCESS", Http.json(good).getString("status"), good.body());
        assertEquals(before + 1, calls("loginforward"));
    }

    @Test
    @Order(9)
    void anApplicationWithoutJakartaSecurityBesideThemWorksAsBefore() {
        HttpResponse<String> refused = http.post("/plain/api/echo", "application/json", "{}");
        assertEquals(403, refused.statusCode(), refused.body());
        UUID id = UUID.randomUUID();
        HttpResponse<String> echo = http.post("/plain/api/echo", "application/json",
                "{\"verificationToken\":\"" + token(id, Results.human(id)) + "\"}");
        assertEquals(200, echo.statusCode(), echo.body());
        HttpResponse<String> open = http.post("/plain/open/echo", "application/json", "{}");
        assertEquals(200, open.statusCode(), open.body());
        assertTrue(server.log().contains("TrustCaptcha login: the request that submits credentials to Jakarta "
                + "Security is verified first"), "no start-up line of the login's CAPTCHA");
    }

    @Test
    @Order(10)
    void theLoginsCaptchaInAnApplicationWithoutAMechanismFailsItsDeployment() {
        HttpResponse<String> echo = http.post("/nomechanism/open/echo", "application/json", "{}");
        assertEquals(404, echo.statusCode(), "nomechanism was deployed: " + echo.body());
        assertTrue(server.log().contains("trustcaptcha.login.enabled is true, but the application has no "
                + "HttpAuthenticationMechanism"), "the log does not say why");
    }

    private HttpRequest.Builder securityCheck(String war, String token) {
        String body = "j_username=grace&j_password=secret" + (token == null ? ""
                : "&tc-verification-token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(http.uri(war + "/j_security_check")).header("Content-Type", FORM)
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> signIn(String war, String token, String password) {
        return http.post("/" + war + "/signin", FORM, "user=grace&password=" + password + (token == null ? ""
                : "&tc-verification-token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
    }

    private int calls(String war) {
        HttpResponse<String> count = http.get("/" + war + "/count");
        assertEquals(200, count.statusCode(), count.body());
        return Http.json(count).getInt("calls");
    }

    private String token(UUID id, String result) {
        fake.answer(id, Answer.result(result));
        return Tokens.of(id);
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("(no Location)");
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void assertProblem(HttpResponse<String> response, String code) {
        assertEquals(403, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(null),
                response.body());
        assertEquals(code, Http.json(response).getString("code"), response.body());
        assertFalse(response.body().contains("Exception"), response.body());
    }
}
