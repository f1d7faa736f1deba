package dev.captchagate.trustcaptcha.it.portable;

import static dev.captchagate.trustcaptcha.it.TestWars.apiConfig;
import static dev.captchagate.trustcaptcha.it.TestWars.config;
import static dev.captchagate.trustcaptcha.it.TestWars.filter;
import static dev.captchagate.trustcaptcha.it.TestWars.param;
import static dev.captchagate.trustcaptcha.it.TestWars.war;
import static dev.captchagate.trustcaptcha.it.TestWars.webXml;
import static dev.captchagate.trustcaptcha.it.TestWars.with;
import static dev.captchagate.trustcaptcha.it.TestWars.withoutKeyCheck;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.captchagate.trustcaptcha.demo.SignupServlet;
import dev.captchagate.trustcaptcha.it.Http;
import dev.captchagate.trustcaptcha.it.NoSecretsInTheLog;
import dev.captchagate.trustcaptcha.it.ParityMatrix;
import dev.captchagate.trustcaptcha.it.app.ApiCaptcha;
import dev.captchagate.trustcaptcha.it.app.DecisionRecorder;
import dev.captchagate.trustcaptcha.it.app.EchoServlet;
import dev.captchagate.trustcaptcha.it.app.ParityServlet;
import dev.captchagate.trustcaptcha.it.app.VerifyServlet;
import dev.captchagate.trustcaptcha.it.app.rest.AccountsResource;
import dev.captchagate.trustcaptcha.it.app.rest.BothResource;
import dev.captchagate.trustcaptcha.it.app.rest.EverythingApplication;
import dev.captchagate.trustcaptcha.it.app.rest.GuardedResource;
import dev.captchagate.trustcaptcha.it.app.rest.RestApplication;
import dev.captchagate.trustcaptcha.it.app.rest.Seen;
import dev.captchagate.trustcaptcha.it.app.rest.ThingsResource;
import dev.captchagate.trustcaptcha.it.app.rest.UnknownPolicyResource;
import dev.captchagate.trustcaptcha.sandbox.SandboxOutcome;
import dev.captchagate.trustcaptcha.sandbox.TrustCaptchaSandbox;
import dev.captchagate.trustcaptcha.testing.Answer;
import dev.captchagate.trustcaptcha.testing.FakeTrustCaptchaApi;
import dev.captchagate.trustcaptcha.testing.Results;
import dev.captchagate.trustcaptcha.testing.Tokens;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The portable suite: the same tests on every server of the support matrix, one subclass per server, which only
 * says how to start it ({@link Servers}) and what the server itself brings (its replay store). Each server starts
 * once, with all of the suite's WARs (the packaged jar in {@code WEB-INF/lib}, as a user deploys it), its own
 * defaults, on 127.0.0.1, and talks over HTTP to fake TrustCaptcha APIs on 127.0.0.1.
 *
 * <p>The WARs: {@code webxml} (two filter instances in {@code web.xml} with their own settings and policies, a third
 * over the differential paths, the verifier injected into a servlet), {@code annotated} (a {@code @WebFilter}
 * subclass), {@code configured} (configuration alone), {@code stalled} (an API that never answers, short timeouts),
 * {@code refusedkey} (a key the API refuses), {@code nokey} and {@code badparam} (misconfigured: their deployment
 * must fail), {@code isolated} (defaults only, an API that hangs: outage isolation) and {@code shop} (the README's
 * sandbox recipe).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class PortableSuite {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String JSON = "application/json";
    private static final String REFUSED_KEY = "ak_" + "y".repeat(49);
    /** How soon a flooding client that was refused for want of a call slot comes back. */
    private static final Duration REFUSED_CLIENT_PAUSE = Duration.ofMillis(20);

    private final ServerProcess server;
    private FakeTrustCaptchaApi fake;
    private HangingApi hanging;
    private HangingApi stalling;
    private TrustCaptchaSandbox sandbox;
    private Http http;

    /** @param server the server this run of the suite starts */
    PortableSuite(ServerProcess server) {
        this.server = server;
    }

    /**
     * @return the replay store the library chooses on this server with its defaults, as its start-up line begins:
     *     {@code JCache} where the server brings a JCache provider, else {@code in memory}
     */
    abstract String expectedReplayStore();

    /**
     * @return how the start-up line of the default bound on calls in flight names the server: a part of its server
     *     info ({@code WildFly}, {@code Liberty}), or that it was not identified (Payara: no servlet context yet)
     */
    abstract String serverInfoNames();

    /**
     * @param cores the processors of this machine (the server's too)
     * @return the bound on calls in flight the library must choose by default on this server
     */
    abstract int expectedUpperBound(int cores);

    /**
     * @return where the library's start-up line says metrics go on this server with the suite's features:
     *     {@code MicroProfile Metrics ...}, {@code MicroProfile Telemetry ...}, or {@code none} (then the server has
     *     no MicroProfile Health either: the configuration without the APIs)
     */
    abstract String expectedMetrics();

    /** @return whether the server fails a deployment whose filter cannot start (Open Liberty does not) */
    abstract boolean failsDeploymentWhenAFilterCannotStart();

    @BeforeAll
    void start() throws Exception {
        fake = FakeTrustCaptchaApi.start();
        hanging = HangingApi.start();
        stalling = HangingApi.start();
        sandbox = TrustCaptchaSandbox.start();
        Path wars = Files.createDirectories(server.work.resolveSibling(server.work.getFileName() + "-wars"));
        List<Path> files = new ArrayList<>();
        for (WebArchive war : wars()) {
            Path file = wars.resolve(war.getName());
            war.as(ZipExporter.class).exportTo(file.toFile(), true);
            files.add(file);
        }
        Instant begin = Instant.now();
        server.start(files);
        System.out.println(server.name() + ": started with " + files.size() + " WARs in "
                + Duration.between(begin, Instant.now()).toMillis() + " ms");
        http = Http.at(server.baseUri());
    }

    @AfterAll
    void stop() throws Exception {
        try {
            server.close();
        } finally {
            for (AutoCloseable started : new AutoCloseable[] {fake, hanging, stalling, sandbox}) {
                if (started != null) {
                    started.close();
                }
            }
        }
    }

    @AfterEach
    void resetFake() {
        fake.reset();
    }

    private List<WebArchive> wars() {
        Map<String, String> base = apiConfig(fake.url());
        return List.of(
                war("webxml", base)
                        .addClasses(EchoServlet.class, ParityServlet.class, VerifyServlet.class)
                        .setWebXML(new StringAsset(webXml("",
                                filter("json", List.of("/json/*"), "")
                                + filter("custom", List.of("/custom/*"),
                                        param("token.header", "X-Captcha") + param("token.json-pointer", "/captcha/token")
                                        + param("token.form-param", "captcha") + param("reject.status", "400")
                                        + param("body.max-bytes", "1024") + param("policy.max-score", "0.2")
                                        + param("policy.reject-gateway-failover", "true")
                                        + param("policy.allowed-origins", "https://shop.example.com"))
                                + filter("parity", List.of("/protected/*"), "")))),
                war("annotated", base).addClasses(EchoServlet.class, ApiCaptcha.class),
                war("configured", with(base, "trustcaptcha.filter.url-patterns", "/api/*"))
                        .addClasses(EchoServlet.class),
                war("stalled", apiConfig(stalling.url(), "trustcaptcha.filter.url-patterns", "/api/*",
                        "trustcaptcha/mp-rest/connectTimeout", "1000", "trustcaptcha/mp-rest/readTimeout", "1000"))
                        .addClasses(EchoServlet.class, VerifyServlet.class),
                war("refusedkey", with(with(base, "trustcaptcha.api-key", REFUSED_KEY),
                        "trustcaptcha.filter.url-patterns", "/api/*")).addClasses(EchoServlet.class),
                // Without the start-up key check: its call would hang with the others and end at its read timeout,
                // at a time the outage test cannot control; that test counts the calls that hang and end.
                war("isolated", withoutKeyCheck(apiConfig(hanging.url(), "trustcaptcha.filter.url-patterns",
                        "/api/*", "trustcaptcha/mp-rest/readTimeout", "120000")))
                        .addClasses(EchoServlet.class),
                war("rest", with(with(base, "trustcaptcha.filter.url-patterns", "/r/both/*"),
                        "trustcaptcha.policies.signup.max-score", "0.2"))
                        .addClasses(RestApplication.class, AccountsResource.class, GuardedResource.class,
                                BothResource.class, Seen.class, DecisionRecorder.class),
                war("restall", with(base, "trustcaptcha.policies.everything.token.header", "X-All-Captcha"))
                        .addClasses(EverythingApplication.class, ThingsResource.class, Seen.class),
                war("shop", config("trustcaptcha.api-key", sandbox.apiKey(), "trustcaptcha/mp-rest/url", sandbox.url(),
                        "trustcaptcha.filter.url-patterns", "/signup")).addClass(SignupServlet.class),
                // Last: on Payara Micro, a context that fails to start stops the ones after it at the same boot.
                war("nokey", config("trustcaptcha/mp-rest/url", fake.url(), "trustcaptcha.filter.url-patterns", "/api/*"))
                        .addClasses(EchoServlet.class),
                war("badparam", base).addClasses(EchoServlet.class)
                        .setWebXML(new StringAsset(webXml("", filter("typo", List.of("/api/*"),
                                param("token.headr", "X"))))),
                war("badpolicy", base).addClasses(RestApplication.class, UnknownPolicyResource.class));
    }

    // --- Installation -------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void webXmlInstancesProtectTheirPatternsWithTheirOwnSettingsAndPolicies() {
        String token = human();
        JsonObject echo = ok(post("/webxml/json/echo", JSON, "{\"verificationToken\":\"" + token + "\"}"));
        assertEquals(idOf(token), echo.getString("resultAttribute"), "the result as a request attribute");
        assertEquals(idOf(token), echo.getString("resultCdi"), "the result through CDI");
        assertEquals("accepted", echo.getString("decisionCdi"));

        // The custom instance: its header, pointer and field, status 400, its own policy.
        ok(send(request("/webxml/custom/echo").header("X-Captcha", human()).POST(HttpRequest.BodyPublishers.noBody())));
        ok(post("/webxml/custom/echo", JSON, "{\"captcha\":{\"token\":\"" + human() + "\"}}"));
        ok(post("/webxml/custom/echo", FORM, "captcha=" + encode(human())));
        assertProblem(post("/webxml/custom/echo", JSON, "{\"verificationToken\":\"" + human() + "\"}"), 400,
                "token-missing");

        String middling = token(Results.json(UUID.randomUUID(), true, 0.3, "https://shop.example.com", false));
        ok(post("/webxml/json/echo", JSON, "{\"verificationToken\":\"" + middling + "\"}"));
        String middling2 = token(Results.json(UUID.randomUUID(), true, 0.3, "https://shop.example.com", false));
        assertProblem(post("/webxml/custom/echo", JSON, "{\"captcha\":{\"token\":\"" + middling2 + "\"}}"), 400,
                "score-too-high");
    }

    @Test
    @Order(2)
    void anAnnotatedSubclassProtectsItsPattern() {
        protectsApiOnly("annotated");
    }

    @Test
    @Order(3)
    void configurationAloneProtectsTheConfiguredPatterns() {
        protectsApiOnly("configured");
    }

    /** A WAR whose filter protects {@code /api/*}: refused without a token, accepted with one; the rest open. */
    private void protectsApiOnly(String war) {
        assertProblem(post("/" + war + "/api/echo", JSON, "{}"), 403, "token-missing");
        ok(post("/" + war + "/api/echo", JSON, body(human())));
        ok(post("/" + war + "/open/echo", JSON, "{}"));
    }

    // --- Tokens and bodies --------------------------------------------------------------------------------------

    @Test
    @Order(4)
    void theTokenIsFoundInTheHeaderJsonUrlEncodedAndMultipartForms() {
        ok(send(request("/webxml/json/echo").header("X-TrustCaptcha-Token", human())
                .POST(HttpRequest.BodyPublishers.ofString("plain text"))));
        ok(post("/webxml/json/echo", JSON, "{\"a\":[1,{\"b\":null}],\"verificationToken\":\"" + human() + "\"}"));
        JsonObject form = ok(post("/webxml/json/echo?read=params&enc=UTF-8", FORM,
                "name=Zo%C3%AB&tc-verification-token=" + encode(human()) + "&x=1"));
        assertEquals("[\"Zoë\"]", form.getJsonObject("params").get("name").toString(), form.toString());
        String boundary = "----portable" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String[] part : new String[][] {{"name", "Grace"}, {"tc-verification-token", human()}}) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part[0]
                    + "\"\r\n\r\n" + part[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> multipart = send(request("/webxml/protected/parity?read=params-stream")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        JsonObject parts = ok(multipart);
        assertTrue(parts.getBoolean("verified"), multipart.body());
        assertEquals("[\"Grace\"]", parts.getJsonObject("params").get("name").toString(), multipart.body());
    }

    @Test
    @Order(5)
    void theApplicationReadsTheBodyAsOnAnUnprotectedPathParametersThenStream() {
        parity("params-stream");
    }

    @Test
    @Order(6)
    void theApplicationReadsTheBodyAsOnAnUnprotectedPathStreamThenParameters() {
        parity("stream-params");
    }

    @Test
    @Order(7)
    void theApplicationReadsTheBodyAsOnAnUnprotectedPathReader() {
        parity("reader");
    }

    @Test
    @Order(8)
    void theApplicationReadsTheBodyAsOnAnUnprotectedPathAfterAnAsyncDispatch() {
        parity("async");
    }

    @Test
    @Order(9)
    void theApplicationReadsTheBodyAsOnAnUnprotectedPathWithAReadListener() {
        parity("listener");
    }

    // --- Decisions ----------------------------------------------------------------------------------------------

    @Test
    @Order(10)
    void everyRefusalHasItsCodeAndStatus() {
        String path = "/webxml/json/echo";
        assertProblem(post(path, JSON, "{}"), 403, "token-missing");
        assertProblem(post(path, JSON, "{\"verificationToken\":\"" + Tokens.NOT_JSON + "\"}"), 403, "token-invalid");
        assertProblem(post(path, JSON, body(Tokens.of(FakeTrustCaptchaApi.NOT_FOUND))), 403,
                "verification-not-found");
        assertProblem(post(path, JSON, body(Tokens.of(FakeTrustCaptchaApi.NOT_FINISHED))), 403,
                "verification-not-finished");
        assertProblem(post(path, JSON, body(Tokens.of(FakeTrustCaptchaApi.EXPIRED))), 403, "verification-expired");
        assertProblem(post(path, JSON, body(Tokens.of(FakeTrustCaptchaApi.LIMIT_REACHED))), 403,
                "retrieval-limit-reached");
        assertProblem(post(path, JSON, body(Tokens.failover(UUID.randomUUID()))), 403, "failover-rejected");
        UUID failed = UUID.randomUUID();
        assertProblem(post(path, JSON, body(token(failed, Results.failed(failed)))), 403, "verification-failed");
        UUID bot = UUID.randomUUID();
        assertProblem(post(path, JSON, body(token(bot, Results.bot(bot)))), 403, "score-too-high");
        assertProblem(post(path, JSON, "{\"pad\":\"" + "x".repeat(70_000) + "\"}"), 413, "body-too-large");
        UUID broken = UUID.randomUUID();
        fake.answer(broken, Answer.status(500));
        assertProblem(post(path, JSON, body(Tokens.of(broken))), 503, "verification-unavailable");

        // The custom instance's policy: its own status, origins and gateway failover.
        String custom = "/webxml/custom/echo";
        UUID elsewhere = UUID.randomUUID();
        assertProblem(post(custom, JSON, "{\"captcha\":{\"token\":\""
                + token(elsewhere, Results.json(elsewhere, true, 0.1, "https://evil.example.net", false)) + "\"}}"),
                400, "origin-not-allowed");
        UUID gateway = UUID.randomUUID();
        assertProblem(post(custom, JSON, "{\"captcha\":{\"token\":\"" + token(gateway, Results.gatewayFailover(gateway))
                + "\"}}"), 400, "gateway-failover-rejected");
        assertProblem(post(custom, JSON, "{\"pad\":\"" + "x".repeat(1100) + "\"}"), 413, "body-too-large");
    }

    @Test
    @Order(11)
    void aTokenIsAcceptedOnceAndItsReplayRefusedWithoutAskingTheApiAgain() {
        UUID id = UUID.randomUUID();
        String token = token(id, Results.human(id));
        ok(post("/webxml/json/echo", JSON, body(token)));
        assertProblem(post("/webxml/json/echo", JSON, body(token)), 403, "token-replayed");
        assertProblem(post("/webxml/custom/echo", JSON, "{\"captcha\":{\"token\":\"" + token + "\"}}"), 400,
                "token-replayed");
        assertEquals(1, fake.requestsFor(id).size(), "TrustCaptcha was asked once");
        int bound = expectedUpperBound(Runtime.getRuntime().availableProcessors());
        assertTrue(java.util.regex.Pattern.compile("TrustCaptcha: calls in flight limited adaptively, from "
                + bound + ", between " + Math.min(10, bound) + " and " + bound + "; the upper bound is "
                + bound + " by default on [^:\\n]*" + java.util.regex.Pattern.quote(serverInfoNames()))
                .matcher(server.log()).find(), () -> "no start-up line says the default upper bound of " + bound
                + " on " + serverInfoNames() + ":\n" + grep(server.log(), "TrustCaptcha: calls in flight"));
        assertTrue(server.log().contains("TrustCaptcha replay protection: " + expectedReplayStore()),
                () -> "the start-up line does not name the "
                + expectedReplayStore() + " store:\n" + grep(server.log(), "TrustCaptcha"));
        assertTrue(server.log().contains("TrustCaptcha metrics: " + expectedMetrics()),
                () -> "the start-up line does not say that metrics go to " + expectedMetrics() + ":\n"
                + grep(server.log(), "TrustCaptcha"));
        String health = expectedMetrics().equals("none") ? "TrustCaptcha: no MicroProfile Health on this server"
                : "TrustCaptcha: health checks registered (readiness and start-up, MicroProfile Health)";
        assertTrue(server.log().contains(health), () -> "no line says " + health + ":\n"
                + grep(server.log(), "TrustCaptcha"));
    }

    @Test
    @Order(12)
    void theVerifierIsInjectedIntoApplicationCode() {
        UUID id = UUID.randomUUID();
        HttpResponse<String> answer = http.post("/webxml/verify", "text/plain", token(id, Results.human(id)));
        JsonObject json = ok(answer);
        assertFalse(json.containsKey("failure"), answer.body());
        assertEquals(id.toString(), json.getJsonObject("result").getString("verificationId"));
        HttpResponse<String> missing = http.post("/webxml/verify", "text/plain",
                Tokens.of(FakeTrustCaptchaApi.NOT_FOUND));
        assertEquals("verification-not-found", ok(missing).getString("code"), missing.body());
    }

    @Test
    @Order(13)
    void theReadmeSandboxRecipeWorks() {
        HttpResponse<String> human = signUp(sandbox.token(SandboxOutcome.HUMAN));
        assertEquals(200, human.statusCode(), human.body());
        assertEquals("welcome Grace, score 0.1", human.body());
        assertProblem(signUp(sandbox.token(SandboxOutcome.BOT)), 403, "score-too-high");
        String token = sandbox.token(SandboxOutcome.GATEWAY_FAILOVER);
        assertEquals(200, signUp(token).statusCode());
        assertProblem(signUp(token), 403, "token-replayed");
        assertProblem(signUp(sandbox.token(SandboxOutcome.NOT_FINISHED)), 403, "verification-not-finished");
        assertProblem(signUp(sandbox.token(SandboxOutcome.EXPIRED)), 403, "verification-expired");
    }

    // --- Failures and misconfiguration --------------------------------------------------------------------------

    @Test
    @Order(14)
    void aStallingApiIsAnsweredWithinTheDeadline() {
        HttpResponse<String> answer = http.post("/stalled/verify", "text/plain", Tokens.of(UUID.randomUUID()));
        JsonObject json = ok(answer);
        assertEquals("verification-unavailable", json.getString("code"), answer.body());
        long elapsed = json.getJsonNumber("elapsedMs").longValue();
        // The deadline is connect plus read timeout, 2 s here; the upper bound only proves nothing waits for long.
        assertTrue(elapsed >= 900 && elapsed < 2000 + 3000, "waited " + elapsed + " ms");
        assertProblem(post("/stalled/api/echo", JSON, body(Tokens.of(UUID.randomUUID()))), 503,
                "verification-unavailable");
    }

    @Test
    @Order(15)
    void aKeyTheApiRefusesIsUnavailableNeverAcceptedAndLoggedMasked() throws Exception {
        // The start-up check finds it by itself, before any verification: a SEVERE line with the masked key.
        server.awaitLog("the start-up check's line on the refused key", log -> log.contains(
                "TrustCaptcha refuses the API key ak_*** (52 characters) (403)"), Duration.ofSeconds(30));
        UUID id = UUID.randomUUID();
        assertProblem(post("/refusedkey/api/echo", JSON, body(token(id, Results.human(id)))), 503,
                "verification-unavailable");
        assertEquals(REFUSED_KEY, fake.requestsFor(id).get(0).header("Authorization").replaceFirst("^Bearer ", ""),
                "the configured key was sent");
        String log = server.log();
        assertFalse(log.contains(REFUSED_KEY) || log.contains(REFUSED_KEY.substring(3)), "the key is in the log");
        assertTrue(log.contains("TrustCaptcha does not accept the configured API key"),
                () -> "no log line says that the key was refused:\n" + grep(log, "TrustCaptcha"));
    }

    @Test
    @Order(16)
    void aMisconfiguredDeploymentFailsAndSaysWhy() {
        // A missing key fails the deployment on every server (the CDI extension refuses it).
        HttpResponse<String> nokey = http.post("/nokey/open/echo", JSON, "{}");
        assertEquals(404, nokey.statusCode(), "nokey was deployed: " + nokey.body());
        // A misspelt init-param fails the filter's init(): the deployment fails where the server fails it (Payara,
        // WildFly), and where it does not (Open Liberty starts the application anyway), the filter refuses every
        // request it checks with 503; never lets one through.
        HttpResponse<String> typo = http.post("/badparam/api/echo", JSON, body(human()));
        assertEquals(failsDeploymentWhenAFilterCannotStart() ? 404 : 503, typo.statusCode(), typo.body());
        String log = server.log();
        assertTrue(log.contains("trustcaptcha.api-key is missing"), "the missing key is not named in the log");
        assertTrue(log.contains("token.headr"), "the misspelt init-param is not named in the log");
        // A binding that names a policy no key configures fails the deployment (the CDI extension sees the bean).
        HttpResponse<String> unknown = http.post("/badpolicy/r/unknown", JSON, body(human()));
        assertEquals(404, unknown.statusCode(), "badpolicy was deployed: " + unknown.body());
        assertTrue(log.contains("@CaptchaProtected(policy = \"nosuch\") on " + UnknownPolicyResource.class.getName()
                + ".post(String): no key configures this policy"), () -> grep(log, "nosuch"));
    }

    @Test
    @Order(17)
    void whileTrustCaptchaHangsTheRestOfTheApplicationKeepsAnsweringWithDefaults() throws Exception {
        // The isolated WAR has the defaults but for a read timeout of 120 s, so that no call ends during the test,
        // however slow two busy cores make it (the test ends them); the bound on calls in flight and the server's
        // request threads are the defaults, which is what this test is about.
        int before = hanging.ended();
        AtomicBoolean flooding = new AtomicBoolean(true);
        CountDownLatch refusedAtOnce = new CountDownLatch(1);
        List<String> unexpected = new CopyOnWriteArrayList<>();
        // More clients than the limit's upper bound (where it starts), so that some are refused for want of a place.
        int bound = expectedUpperBound(Runtime.getRuntime().availableProcessors());
        CompletableFuture<Void> flood = flood(Math.max(128, bound + 32), "/isolated/api/echo",
                () -> Tokens.of(UUID.randomUUID()),
                flooding::get, answer -> {
                    if (answer.statusCode() == 503 && hanging.ended() == before) {
                        // Refused while no call had ended: not for a timeout, so for want of a call slot.
                        refusedAtOnce.countDown();
                        return REFUSED_CLIENT_PAUSE;
                    }
                    if (answer.statusCode() != 503) {
                        unexpected.add(answer.statusCode() + " " + answer.body());
                    }
                    return Duration.ZERO;
                }, unexpected);
        try {
            if (!refusedAtOnce.await(60, TimeUnit.SECONDS)) {
                fail("no protected request was refused for want of a call slot within 60 s, with "
                        + hanging.hanging() + " calls hanging: the server ran out of request threads before the "
                        + "library's bound on calls in flight was reached; the server's threads: "
                        + server.threadDump());
            }
            // Refused at once, so every place was taken: the limit started at its upper bound and shrank as the calls
            // stayed in flight (how far the flood got first depends on how fast it came), so at most the upper bound
            // of calls hang, however long the flood goes on.
            for (int i = 0; i < 10; i++) {
                HttpResponse<String> open = http.post("/isolated/open/echo", JSON, "{}");
                assertEquals(200, open.statusCode(), open.body());
            }
            int held = hanging.hanging();
            assertTrue(held >= 1 && held <= bound, held + " calls hanging, the upper bound being " + bound);
            assertEquals(before, hanging.ended(), () -> "a hanging call ended before the unprotected path had "
                    + "answered: it may have waited for a request thread that the call gave back; the server's threads: "
                    + server.threadDump());
            assertEquals(List.of(), unexpected.subList(0, Math.min(5, unexpected.size())),
                    "protected requests were let through or failed: " + unexpected.size());
        } finally {
            flooding.set(false);
            hanging.release(); // TrustCaptcha recovers: the calls that hang end, and the clients with them
            flood.get(60, TimeUnit.SECONDS);
        }
    }

    /**
     * The figure of the README's server notes: how many new connections to TrustCaptcha 1,000 accepted
     * verifications open, at 64 concurrent clients, with the server's defaults. Printed and written to
     * {@code target/servers/connections-SERVER.txt}; a client refused for want of a call slot (the server's default
     * bound) comes back after a pause, and the refusals are counted too.
     */
    @Test
    @Order(18)
    void newConnectionsFor1000VerificationsAt64Clients() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<String> unexpected = new CopyOnWriteArrayList<>();
        int before = fake.connections();
        Instant begin = Instant.now();
        flood(64, "/webxml/json/echo", this::human, () -> accepted.get() < 1000 && unexpected.isEmpty(), answer -> {
            if (answer.statusCode() == 200) {
                accepted.incrementAndGet();
            } else if (answer.statusCode() == 503) {
                refused.incrementAndGet();
                return REFUSED_CLIENT_PAUSE;
            } else {
                unexpected.add(answer.statusCode() + " " + answer.body());
            }
            return Duration.ZERO;
        }, unexpected).get(300, TimeUnit.SECONDS);
        assertEquals(List.of(), unexpected.subList(0, Math.min(5, unexpected.size())), "unexpected answers");
        int opened = fake.connections() - before;
        String line = server.name() + ": " + opened + " new connections to TrustCaptcha for " + accepted.get()
                + " verifications at 64 concurrent clients (" + refused.get() + " requests refused for want of a call "
                + "slot and sent again), " + Duration.between(begin, Instant.now()).toMillis() + " ms";
        System.out.println(line);
        Files.writeString(server.work.resolveSibling("connections-" + server.work.getFileName() + ".txt"), line + "\n");
        assertTrue(accepted.get() >= 1000, line);
        assertTrue(opened >= 1, "the fake counted no connection: the figure would prove nothing");
    }

    /**
     * Clients that each send a protected path a JSON body with a fresh token, again and again while {@code going}
     * holds, each over its own HTTP/1.1 connection (one request thread per client, as browsers and load balancers
     * send them; the JDK client would otherwise multiplex them over one HTTP/2 connection, which servers cap).
     * Asynchronous: no thread waits for an answer or a pause.
     *
     * @param clients how many
     * @param path where
     * @param token a fresh token for each request
     * @param going whether to send the next request
     * @param answered takes each answer, and says how long its client waits before the next (the load's shape)
     * @param failures where a client that could not be answered (an I/O failure) says why; it stops then
     * @return done when every client has stopped
     */
    private CompletableFuture<Void> flood(int clients, String path, Supplier<String> token, BooleanSupplier going,
                                          Function<HttpResponse<String>, Duration> answered, List<String> failures) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(60)).build();
        CompletableFuture<?>[] all = new CompletableFuture<?>[clients];
        for (int i = 0; i < clients; i++) {
            all[i] = floodingClient(client, path, token, going, answered, failures);
        }
        return CompletableFuture.allOf(all);
    }

    private CompletableFuture<Void> floodingClient(HttpClient client, String path, Supplier<String> token,
                                                   BooleanSupplier going, Function<HttpResponse<String>, Duration> answered,
                                                   List<String> failures) {
        if (!going.getAsBoolean()) {
            return CompletableFuture.completedFuture(null);
        }
        HttpRequest request = HttpRequest.newBuilder(http.uri(path)).timeout(Duration.ofSeconds(180))
                .header("Content-Type", JSON).POST(HttpRequest.BodyPublishers.ofString(body(token.get()))).build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((answer, failure) -> {
            if (failure != null) {
                failures.add(failure.toString());
                return null;
            }
            return answered.apply(answer);
        }).thenCompose(pause -> pause == null ? CompletableFuture.<Void>completedFuture(null)
                : CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(pause.toMillis(),
                        TimeUnit.MILLISECONDS)).thenCompose(next -> floodingClient(client, path, token, going, answered,
                        failures)));
    }

    @Test
    @Order(19)
    void noLogLineHoldsAKeyOrAToken() {
        NoSecretsInTheLog.check(server.log());
    }

    // --- JAX-RS: @CaptchaProtected ---------------------------------------------------------------------------------

    @Test
    @Order(20)
    void aBoundResourceMethodIsProtectedItsNeighboursAreNot() {
        // Without a token: the filter's problem, the resource never runs; the open method beside it runs.
        assertProblem(post("/rest/r/accounts/json", JSON, "{\"name\":\"x\"}"), 403, "token-missing");
        String open = "{\"name\":\"Zoë\"}";
        assertEquals(base64(open), ok(post("/rest/r/accounts/open", JSON, open)).getString("body"));
        assertEquals("none", ok(http.get("/rest/r/accounts/list")).getString("decision"));

        // A JSON token: the entity reaches the method's own parameter byte for byte; the result through CDI and as
        // the request property.
        String token = human();
        String json = "{\"name\":\"Zoë \\u00e9\\\"\",\"verificationToken\":\"" + token + "\",\"tail\":[1,{\"a\":null}]}";
        JsonObject seen = ok(post("/rest/r/accounts/json", JSON, json));
        assertEquals(base64(json), seen.getString("body"), "the entity as sent");
        assertEquals(idOf(token), seen.getString("resultCdi"));
        assertEquals(idOf(token), seen.getString("resultProperty"));
        assertEquals("accepted", seen.getString("decision"));

        // A header token, any body.
        String plain = "plain text, not JSON";
        JsonObject header = ok(send(request("/rest/r/accounts/any").header("X-TrustCaptcha-Token", human())
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(plain))));
        assertEquals(base64(plain), header.getString("body"));

        // A form token: the method's @FormParam parameters as on an unprotected method.
        String formToken = human();
        String fields = "name=Zo%C3%AB&tc-verification-token=" + encode(formToken) + "&x=1";
        JsonObject form = ok(post("/rest/r/accounts/form", FORM, fields));
        // (Open Liberty decodes a form without a charset as ISO-8859-1 for @FormParam, protected or not.)
        assertEquals(ok(post("/rest/r/accounts/openform", FORM, fields)).getString("name"), form.getString("name"));
        assertTrue(form.getBoolean("tokenSeen"), form.toString());
        assertEquals(idOf(formToken), form.getString("resultCdi"));
        assertProblem(post("/rest/r/accounts/form", FORM, "name=x"), 403, "token-missing");
        // A method that takes the form as its entity gets it byte for byte, on every runtime.
        String raw = "name=Zo%C3%AB&tc-verification-token=" + encode(human()) + "&x=1";
        assertEquals(base64(raw), ok(post("/rest/r/accounts/formraw", FORM, raw)).getString("body"));

        // On the method itself, a GET is checked too.
        assertProblem(http.get("/rest/r/accounts/explicit"), 403, "token-missing");
        ok(send(request("/rest/r/accounts/explicit").header("X-TrustCaptcha-Token", human()).GET()));
    }

    @Test
    @Order(21)
    void eachBindingHasItsPolicyAndTheFiltersDecisionsEventsAndReplayGuard() throws Exception {
        String middling = token(Results.json(UUID.randomUUID(), true, 0.3, "https://shop.example.com", false));
        assertProblem(post("/rest/r/accounts/signup", JSON, body(middling)), 403, "score-too-high");
        ok(post("/rest/r/accounts/signup", JSON, body(token(Results.json(UUID.randomUUID(), true, 0.1,
                "https://shop.example.com", false)))));
        UUID bot = UUID.randomUUID();
        assertProblem(post("/rest/r/accounts/json", JSON, body(token(bot, Results.bot(bot)))), 403,
                "score-too-high");
        UUID bot2 = UUID.randomUUID();
        ok(post("/rest/r/accounts/lenient", JSON, body(token(bot2, Results.json(bot2, true, 0.8, null, false)))));
        assertProblem(post("/rest/r/accounts/json", JSON, body(Tokens.of(FakeTrustCaptchaApi.EXPIRED))), 403,
                "verification-expired");
        assertProblem(post("/rest/r/accounts/json", JSON, "{\"pad\":\"" + "x".repeat(70_000) + "\"}"), 413,
                "body-too-large");

        UUID id = UUID.randomUUID();
        String token = token(id, Results.human(id));
        ok(post("/rest/r/accounts/json", JSON, body(token)));
        assertProblem(post("/rest/r/accounts/json", JSON, body(token)), 403, "token-replayed");
        assertEquals(1, fake.requestsFor(id).size(), "TrustCaptcha was asked once");

        // The same events as the filter's, synchronous and asynchronous.
        JsonObject events = ok(http.get("/rest/r/accounts/events?await=token-replayed&path=/rest/r/accounts/json"));
        assertEquals(List.of("async", "sync"), events.getJsonArray("events").stream().map(JsonObject.class::cast)
                .filter(event -> event.getString("code").equals("token-replayed")
                        && event.getString("path").equals("/rest/r/accounts/json"))
                .map(event -> event.getString("delivery")).sorted().toList(), events.toString());
    }

    @Test
    @Order(22)
    void aBindingOnTheClassChecksThePoliciesMethodsAndOnTheApplicationEveryResource() {
        assertProblem(post("/rest/r/guarded", JSON, "{}"), 403, "token-missing");
        assertEquals("accepted", ok(post("/rest/r/guarded", JSON, body(human()))).getString("decision"));
        assertEquals("none", ok(http.get("/rest/r/guarded")).getString("decision"), "GET is not checked");

        // The application's binding, with its policy's header.
        assertProblem(send(request("/restall/all/things").header("X-TrustCaptcha-Token", human())
                .POST(HttpRequest.BodyPublishers.noBody())), 403, "token-missing");
        assertEquals("accepted", ok(send(request("/restall/all/things").header("X-All-Captcha", human())
                .POST(HttpRequest.BodyPublishers.noBody()))).getString("decision"));
        assertEquals("none", ok(http.get("/restall/all/things")).getString("decision"));
    }

    @Test
    @Order(23)
    void behindTheServletFilterTheBindingTakesItsDecisionInsteadOfVerifyingAgain() {
        UUID id = UUID.randomUUID();
        String token = token(id, Results.human(id));
        JsonObject seen = ok(post("/rest/r/both", JSON, body(token)));
        assertEquals(idOf(token), seen.getString("resultCdi"));
        assertEquals(1, fake.requestsFor(id).size(), "one verification for both");

        // The servlet filter accepts 0.3; the binding's policy (0.2) does not: refused, without asking again.
        UUID middling = UUID.randomUUID();
        String stricter = token(middling, Results.json(middling, true, 0.3, "https://shop.example.com", false));
        assertProblem(post("/rest/r/both/signup", JSON, body(stricter)), 403, "score-too-high");
        assertEquals(1, fake.requestsFor(middling).size());
        assertProblem(post("/rest/r/both", JSON, "{}"), 403, "token-missing");
        assertTrue(server.log().contains("TrustCaptcha @CaptchaProtected(signup) on " + BothResource.class.getName()
                + ".stricter: checks every method of it;"), () -> grep(server.log(), "@CaptchaProtected"));
    }

    // --- Helpers ------------------------------------------------------------------------------------------------

    private void parity(String read) {
        new ParityMatrix(http, "/webxml", this::human).run(read);
        assertTrue(server.log().contains("TrustCaptcha: url-encoded bodies become request parameters "),
                "the start-up log does not say which bodies become parameters on this server");
    }

    private HttpResponse<String> signUp(String token) {
        return http.post("/shop/signup", FORM, "name=Grace&tc-verification-token=" + encode(token));
    }

    /** A fresh token whose verification the fake API answers with a human result. */
    private String human() {
        UUID id = UUID.randomUUID();
        return token(id, Results.human(id));
    }

    private String token(UUID id, String result) {
        fake.answer(id, Answer.result(result));
        return Tokens.of(id);
    }

    private String token(String result) {
        UUID id = UUID.fromString(result.replaceAll(".*\"verificationId\":\"([^\"]+)\".*", "$1"));
        return token(id, result);
    }

    private static String idOf(String token) {
        String json = new String(java.util.Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
        return json.replaceAll(".*\"verificationId\":\"([^\"]+)\".*", "$1");
    }

    private static String body(String token) {
        return "{\"verificationToken\":\"" + token + "\"}";
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(http.uri(path));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        return http.send(request);
    }

    private HttpResponse<String> post(String path, String contentType, String body) {
        return http.post(path, contentType, body);
    }

    private static JsonObject ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return Http.json(response);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(null));
        JsonObject problem = Http.json(response);
        assertEquals(code, problem.getString("code"), response.body());
        assertEquals(status, problem.getInt("status"));
        assertFalse(response.body().contains("Exception") || response.body().contains("dev.captchagate"),
                response.body());
    }

    private static String grep(String log, String text) {
        StringBuilder lines = new StringBuilder();
        log.lines().filter(line -> line.contains(text)).forEach(line -> lines.append(line).append('\n'));
        return lines.toString();
    }

    private static String base64(String text) {
        return java.util.Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
