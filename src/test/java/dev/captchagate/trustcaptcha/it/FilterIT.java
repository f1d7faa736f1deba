package dev.captchagate.trustcaptcha.it;

import static dev.captchagate.trustcaptcha.it.TestWars.apiConfig;
import static dev.captchagate.trustcaptcha.it.TestWars.withoutKeyCheck;
import static dev.captchagate.trustcaptcha.it.TestWars.filter;
import static dev.captchagate.trustcaptcha.it.TestWars.param;
import static dev.captchagate.trustcaptcha.it.TestWars.servlet;
import static dev.captchagate.trustcaptcha.it.TestWars.war;
import static dev.captchagate.trustcaptcha.it.TestWars.webXml;
import static dev.captchagate.trustcaptcha.it.TestWars.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.captchagate.trustcaptcha.it.app.AnnotatedCorsFilter;
import dev.captchagate.trustcaptcha.it.app.ApiCaptcha;
import dev.captchagate.trustcaptcha.it.app.CorsFilter;
import dev.captchagate.trustcaptcha.it.app.EchoServlet;
import dev.captchagate.trustcaptcha.it.app.FormResource;
import dev.captchagate.trustcaptcha.it.app.ForwardServlet;
import dev.captchagate.trustcaptcha.it.app.JaxrsApplication;
import dev.captchagate.trustcaptcha.it.app.OrderProbeFilter;
import dev.captchagate.trustcaptcha.it.app.PlainUploadServlet;
import dev.captchagate.trustcaptcha.it.app.UploadServlet;
import dev.captchagate.trustcaptcha.testing.Answer;
import dev.captchagate.trustcaptcha.testing.FakeTrustCaptchaApi;
import dev.captchagate.trustcaptcha.testing.Results;
import dev.captchagate.trustcaptcha.testing.Tokens;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The filter on a real Payara Micro, deployed in WARs that carry the packaged jar: the three ways to install it,
 * every token source and every problem code, the body and the parameters the application reads afterwards
 * (compared byte for byte with an unprotected path of the same container), JAX-RS, multipart, CDI access to the
 * result, and what {@code metadata-complete} and {@code <absolute-ordering>} do to self-registration.
 */
@ServerIT
class FilterIT {

    private static final String FORM = "application/x-www-form-urlencoded";

    @Loopback
    static FakeTrustCaptchaApi fake;

    @ArquillianResource
    private URL deployment;

    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> base = withoutKeyCheck(apiConfig(fake.url())); // the tests count the fake's calls
        TestServer.alsoDeploy(
                war("annotated", with(base, "trustcaptcha.filter.url-patterns", "/other/*"))
                        .addClasses(EchoServlet.class, ApiCaptcha.class),
                war("selfreg", with(base, "trustcaptcha.filter.url-patterns", "/api/*"))
                        .addClasses(EchoServlet.class, OrderProbeFilter.class, CorsFilter.class,
                                AnnotatedCorsFilter.class),
                war("cors", with(base, "trustcaptcha.filter.url-patterns", "/api/*,/custom/*"))
                        .addClasses(EchoServlet.class, CorsFilter.class)
                        .setWebXML(new StringAsset(webXml("",
                                "<filter><filter-name>cors</filter-name><filter-class>" + CorsFilter.class.getName()
                                + "</filter-class><async-supported>true</async-supported></filter>"
                                + "<filter-mapping><filter-name>cors</filter-name><url-pattern>/*</url-pattern>"
                                + "</filter-mapping>"
                                + filter("strict", List.of("/custom/*"), param("reject.status", "400"))))),
                war("selfreg-complete", with(base, "trustcaptcha.filter.url-patterns", "/api/*"))
                        .addClasses(EchoServlet.class)
                        .setWebXML(new StringAsset(webXml("metadata-complete=\"true\"",
                                servlet("echo", EchoServlet.class, List.of("/api/echo"))))),
                war("selfreg-excluded", with(base, "trustcaptcha.filter.url-patterns", "/api/*"))
                        .addClasses(EchoServlet.class)
                        .setWebXML(new StringAsset(webXml("", "<absolute-ordering/>"))),
                war("selfreg-named", with(base, "trustcaptcha.filter.url-patterns", "/api/*"))
                        .addClasses(EchoServlet.class)
                        .setWebXML(new StringAsset(webXml("",
                                "<absolute-ordering><name>trustcaptcha</name><others/></absolute-ordering>"))),
                war("selfreg-others", with(base, "trustcaptcha.filter.url-patterns", "/api/*"))
                        .addClasses(EchoServlet.class)
                        .setWebXML(new StringAsset(webXml("", "<absolute-ordering><others/></absolute-ordering>"))),
                war("selfreg-named-only", with(base, "trustcaptcha.filter.url-patterns", "/api/*"))
                        .addClasses(EchoServlet.class)
                        .setWebXML(new StringAsset(webXml("",
                                "<absolute-ordering><name>trustcaptcha</name></absolute-ordering>"))),
                war("bad-init-param", base)
                        .addClasses(EchoServlet.class)
                        .setWebXML(new StringAsset(webXml("",
                                filter("typo", List.of("/api/*"), param("token.headr", "X"))))));
        return war("app", base)
                .addClasses(EchoServlet.class, ForwardServlet.class, UploadServlet.class, PlainUploadServlet.class,
                        JaxrsApplication.class, FormResource.class)
                .setWebXML(new StringAsset(webXml("",
                        filter("strict", List.of("/form/*", "/json/*", "/upload/*", "/jaxrs/protected/*"), "",
                                "REQUEST", "FORWARD")
                        + filter("custom", List.of("/custom/*"),
                                param("token.header", "X-Captcha") + param("token.json-pointer", "/captcha/token")
                                + param("token.form-param", "captcha") + param("reject.status", "400")
                                + param("body.max-bytes", "1024") + param("filter.methods", "POST,PUT")))));
    }

    // --- Installation -------------------------------------------------------------------------------------------

    @Test
    void webXmlInstancesProtectTheirPatternsWithTheirOwnSettings() {
        String token = human();
        assertEquals(200, post("/app/json/echo", "application/json", "{\"verificationToken\":\"" + token + "\"}")
                .statusCode());

        // The custom instance: its header, pointer and field, status 400, methods POST and PUT.
        assertEquals(200, send(request("/app/custom/echo").header("X-Captcha", human())
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode());
        assertEquals(200, post("/app/custom/echo", "application/json",
                "{\"captcha\":{\"token\":\"" + human() + "\"}}").statusCode());
        assertEquals(200, post("/app/custom/echo", FORM, "captcha=" + encode(human())).statusCode());
        assertProblem(post("/app/custom/echo", "application/json", "{\"verificationToken\":\"" + human() + "\"}"),
                400, "token-missing");
        assertEquals(200, send(request("/app/custom/echo").DELETE()).statusCode(), "DELETE is not checked there");
        assertProblem(post("/app/custom/echo", "application/json", "{\"pad\":\"" + "x".repeat(1100) + "\"}"),
                413, "body-too-large");
        assertTrue(ServerLog.awaitText("TrustCaptcha filter 'custom': checks POST, PUT; token from header "
                + "X-Captcha, JSON /captcha/token, form field captcha; bodies up to 1024 bytes; refusals answer 400"));
    }

    @Test
    void anAnnotatedSubclassProtectsItsPatternAndTheConfiguredPatternsStayProtected() {
        assertProblem(post("/annotated/api/echo", "application/json", "{}"), 403, "token-missing");
        assertEquals(200, post("/annotated/api/echo", "application/json",
                "{\"verificationToken\":\"" + human() + "\"}").statusCode());
        assertProblem(post("/annotated/other/echo", "application/json", "{}"), 403, "token-missing");
        assertEquals(200, post("/annotated/other/echo", "application/json",
                "{\"verificationToken\":\"" + human() + "\"}").statusCode());
        assertTrue(ServerLog.awaitText("TrustCaptcha: filter 'TrustCaptchaFilter' registered for /other/* "
                + "(trustcaptcha.filter.url-patterns), after the application's declared filters; where the "
                + "application's own '" + ApiCaptcha.class.getName() + "' (" + ApiCaptcha.class.getName()
                + ") also matches a request, it runs first and decides"), "the registration was not logged");
    }

    @Test
    void whereADeclaredInstanceAndAConfiguredPatternBothMatchTheDeclaredInstanceDecides() {
        // /custom/* is configured and also mapped to the web.xml instance "strict" (refusals 400): it runs first.
        assertProblem(post("/cors/custom/echo", "application/json", "{}"), 400, "token-missing");
        assertEquals(200, post("/cors/custom/echo", "application/json",
                "{\"verificationToken\":\"" + human() + "\"}").statusCode(), "the request was checked twice");
        assertEquals(1, fake.requests().size());
        // /api/* is configured only: the registered instance decides, with the global settings.
        assertProblem(post("/cors/api/echo", "application/json", "{}"), 403, "token-missing");
        assertEquals(200, post("/cors/open/echo", "application/json", "{}").statusCode());
    }

    @Test
    void refusalsCarryTheHeadersOfACorsFilterTheApplicationDeclaresInWebXmlOrByAnnotation() {
        // web.xml: the CORS filter mapped before the web.xml instance.
        assertCors(assertRefused("/cors/custom/echo", 400));
        // Self-registration, with the CORS filter declared in web.xml, and with one declared by annotation.
        assertCors(assertRefused("/cors/api/echo", 403));
        assertCors(assertRefused("/selfreg/api/echo", 403));
    }

    private HttpResponse<String> assertRefused(String path, int status) {
        HttpResponse<String> refused = send(request(path).header("Origin", "https://shop.example.com")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertProblem(refused, status, "token-missing");
        return refused;
    }

    private static void assertCors(HttpResponse<String> response) {
        assertEquals("https://shop.example.com",
                response.headers().firstValue("Access-Control-Allow-Origin").orElse(null),
                response.uri() + ": the refusal has no CORS header");
    }

    @Test
    void configurationAloneRegistersTheFilterAfterTheApplicationsFilters() {
        assertProblem(post("/selfreg/api/echo", "application/json", "{}"), 403, "token-missing");
        HttpResponse<String> accepted = post("/selfreg/api/echo", "application/json",
                "{\"verificationToken\":\"" + human() + "\"}");
        assertEquals(200, accepted.statusCode());
        assertEquals("before-trustcaptcha", accepted.headers().firstValue("X-Order-Probe").orElse(null));
        assertEquals(200, post("/selfreg/open/echo", "application/json", "{}").statusCode());
    }

    @Test
    void selfRegistrationWorksWithMetadataCompleteAndWithAnOrderingThatKeepsTheJar() {
        assertProblem(post("/selfreg-complete/api/echo", "application/json", "{}"), 403, "token-missing");
        assertProblem(post("/selfreg-named/api/echo", "application/json", "{}"), 403, "token-missing");
        assertProblem(post("/selfreg-others/api/echo", "application/json", "{}"), 403, "token-missing");
    }

    @Test
    void anOrderingWithoutOthersBreaksPayarasCdiAndTheFilterFailsClosed() {
        // Payara needs its own fragments: without <others/> no bean of the library is found, and the
        // registered filter refuses what it checks instead of letting it through.
        assertProblem(post("/selfreg-named-only/api/echo", "application/json", "{}"), 503,
                "verification-unavailable");
        assertEquals(200, send(request("/selfreg-named-only/api/echo").GET()).statusCode());
    }

    @Test
    void anAbsoluteOrderingThatLeavesTheJarOutSwitchesSelfRegistrationOff() {
        assertEquals(200, post("/selfreg-excluded/api/echo", "application/json", "{}").statusCode());
    }

    @Test
    void anUnknownInitParamFailsTheDeployment() {
        assertEquals(404, post("/bad-init-param/api/echo", "application/json", "{}").statusCode());
        assertTrue(ServerLog.awaitText("filter 'typo': unknown init-param 'token.headr', did you mean "
                + "'token.header'?"), "the problem was not logged");
    }

    // --- Token sources and codes -------------------------------------------------------------------------------------

    @Test
    void takesTheTokenFromTheHeaderFirstAndThenFromTheBody() {
        JsonObject echo = Http.json(send(request("/app/json/echo").header("X-TrustCaptcha-Token", human())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"verificationToken\":\"not even a token\"}"))));
        assertNotEquals("none", echo.getString("resultAttribute"));
        assertEquals(1, fake.requests().size());
    }

    @Test
    void answersEveryCodeWithItsStatusTypeAndHeaders() {
        assertProblem(post("/app/json/echo", "application/json", "{}"), 403, "token-missing");
        assertProblem(post("/app/json/echo", "text/plain", "verificationToken=" + human()), 403, "token-missing");
        assertProblem(post("/app/json/echo", "application/json", "{\"verificationToken\":7}"), 403, "token-invalid");
        assertProblem(post("/app/json/echo", "application/json", "{\"verificationToken\":\"" + Tokens.NOT_JSON + "\"}"),
                403, "token-invalid");
        assertProblem(post("/app/json/echo", "application/json", json(Tokens.NOT_FOUND)), 403, "verification-not-found");
        assertProblem(post("/app/json/echo", "application/json", json(Tokens.EXPIRED)), 403, "verification-expired");
        assertProblem(post("/app/json/echo", "application/json", json(Tokens.NOT_FINISHED)), 403,
                "verification-not-finished");
        assertProblem(post("/app/json/echo", "application/json", json(Tokens.LIMIT_REACHED)), 403,
                "retrieval-limit-reached");
        assertProblem(post("/app/json/echo", "application/json", json(Tokens.failover(UUID.randomUUID()))), 403,
                "failover-rejected");
        assertProblem(post("/app/json/echo", "application/json", json(scripted(Results.failed(UUID.randomUUID())))),
                403, "verification-failed");
        assertProblem(post("/app/json/echo", "application/json", json(scripted(Results.bot(UUID.randomUUID())))),
                403, "score-too-high");

        UUID down = UUID.randomUUID();
        fake.answer(down, Answer.status(502));
        HttpResponse<String> unavailable = post("/app/json/echo", "application/json", json(Tokens.of(down)));
        assertProblem(unavailable, 503, "verification-unavailable");
        assertEquals("5", unavailable.headers().firstValue("Retry-After").orElse(null));

        fake.acceptKey("ak_another");
        assertProblem(post("/app/json/echo", "application/json", json(human())), 503, "verification-unavailable");
        assertTrue(ServerLog.awaitText("TrustCaptcha refused POST /app/json/echo: verification-unavailable "
                + "(HTTP 403): TrustCaptcha does not accept the configured API key; check trustcaptcha.api-key"));
    }

    @Test
    void refusesOversizedBodiesByLengthOrByCounting() {
        String big = "{\"verificationToken\":\"" + human() + "\",\"pad\":\"" + "x".repeat(700_000) + "\"}";
        HttpResponse<String> declared = post("/app/json/echo", "application/json", big);
        assertProblem(declared, 413, "body-too-large");
        // And the connection is still good for the next request.
        assertEquals(200, send(request("/app/json/echo").GET()).statusCode());

        HttpResponse<String> chunked = send(request("/app/form/echo").header("Content-Type", FORM)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() ->
                        new ByteArrayInputStream(("a=" + "x".repeat(200_000)).getBytes(StandardCharsets.US_ASCII)))));
        assertProblem(chunked, 413, "body-too-large");
        assertEquals(0, fake.requests().size());
    }

    @Test
    void checksPostPutPatchAndDeleteOnlyAndNeverOptions() {
        for (String method : new String[] {"PUT", "PATCH", "DELETE"}) {
            assertProblem(send(request("/app/json/echo").method(method, HttpRequest.BodyPublishers.noBody())), 403,
                    "token-missing");
        }
        for (String method : new String[] {"GET", "OPTIONS", "HEAD"}) {
            HttpResponse<String> passed = send(request("/app/json/echo").method(method,
                    HttpRequest.BodyPublishers.noBody()));
            assertEquals(200, passed.statusCode(), method);
        }
        assertEquals(List.of(), fake.requests());
    }

    @Test
    void aForwardIsNotVerifiedAgain() {
        JsonObject echo = Http.json(send(request("/app/form/forward").header("X-TrustCaptcha-Token", human())
                .POST(HttpRequest.BodyPublishers.noBody())));
        assertNotEquals("none", echo.getString("resultAttribute"));
        assertEquals(1, fake.requests().size());
    }

    // --- What the application sees afterwards ------------------------------------------------------------------------

    @Test
    void aJsonBodyReachesTheApplicationByteForByte() {
        for (String read : new String[] {"stream", "reader"}) {
            String body = "{\"name\":\"Zoë – 東京 \uD83D\uDE00\",\"padding\":\"" + "é".repeat(30_000)
                    + "\",\"verificationToken\":\"" + human() + "\"}";
            assertTrue(body.getBytes(StandardCharsets.UTF_8).length > 60_000);
            String type = "application/json; charset=UTF-8";
            JsonObject open = Http.json(post("/app/open/echo?read=" + read, type, body));
            JsonObject protectedEcho = Http.json(post("/app/json/echo?read=" + read, type, body));
            assertSameView(open, protectedEcho);
            assertNotEquals("none", protectedEcho.getString("resultAttribute"));
        }
    }

    @Test
    void formParametersReachTheApplicationAsWithoutTheFilter() {
        String form = "name=" + encode("Zoë 東京") + "&tc-verification-token=" + encode(human()) + "&x=1&x=2";
        for (String read : new String[] {"params", "params&enc=UTF-8", "stream-then-params", "params-then-stream",
            "reader"}) {
            JsonObject open = Http.json(post("/app/open/echo?x=0&read=" + read, FORM, form));
            JsonObject protectedEcho = Http.json(post("/app/form/echo?x=0&read=" + read, FORM,
                    form.replaceFirst("tc-verification-token=[^&]*", "tc-verification-token=" + encode(human()))));
            assertSameViewExceptToken(open, protectedEcho);
            assertNotEquals("none", protectedEcho.getString("resultAttribute"), read);
        }
        JsonObject utf8 = Http.json(post("/app/form/echo?read=params&enc=UTF-8", FORM,
                "name=" + encode("Zoë 東京") + "&tc-verification-token=" + encode(human())));
        assertEquals("Zoë 東京", utf8.getJsonObject("params").getJsonArray("name").getString(0));
    }

    @Test
    void formParamsReachAJaxRsResource() {
        String name = "Zoë 東京";
        JsonObject open = Http.json(post("/app/jaxrs/open/form", FORM + "; charset=UTF-8",
                "name=" + encode(name) + "&tc-verification-token=x"));
        JsonObject protectedForm = Http.json(post("/app/jaxrs/protected/form", FORM + "; charset=UTF-8",
                "name=" + encode(name) + "&tc-verification-token=" + encode(human())));
        assertEquals(name, open.getString("name"));
        assertEquals(name, protectedForm.getString("name"));
        assertTrue(protectedForm.getBoolean("tokenSeen"));
        assertNotEquals("none", protectedForm.getString("resultCdi"));
        assertEquals("none", open.getString("resultCdi"));
    }

    @Test
    void anAsynchronousJaxRsResourceWorksBehindTheFilter() {
        JsonObject answer = Http.json(post("/app/jaxrs/protected/async", "application/json",
                "{\"verificationToken\":\"" + human() + "\"}"));
        assertTrue(answer.getBoolean("async"), answer.toString());
        assertNotEquals("none", answer.getString("resultCdi"));
    }

    @Test
    void aMultipartUploadKeepsItsPartsAndOneWithoutConfigurationIsToldToUseTheHeader() {
        String token = human();
        JsonObject parts = Http.json(multipart("/app/upload/configured", Map.of("tc-verification-token", token,
                "file", "contents of the file", "comment", "Zoë")));
        assertEquals("contents of the file", parts.getJsonObject("parts").getString("file"));
        assertEquals("Zoë", parts.getJsonObject("parts").getString("comment"));

        HttpResponse<String> plain = multipart("/app/upload/plain", Map.of("tc-verification-token", human()));
        assertEquals("This multipart form cannot be read for the CAPTCHA token. Send the token in the "
                + "X-TrustCaptcha-Token header.", assertProblem(plain, 403, "token-missing").getString("detail"));
        HttpResponse<String> headerToken = send(request("/app/upload/plain").header("X-TrustCaptcha-Token", human())
                .header("Content-Type", "multipart/form-data; boundary=b")
                .POST(HttpRequest.BodyPublishers.ofString("--b--\r\n")));
        assertEquals(200, headerToken.statusCode());
    }

    @Test
    void cdiGivesEachRequestItsOwnResultAndNoneWhereThereIsNone() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        fake.answer(first, Answer.result(Results.human(first))).answer(second, Answer.result(Results.human(second)));
        JsonObject one = Http.json(post("/app/json/echo", "application/json", json(Tokens.of(first))));
        JsonObject two = Http.json(post("/app/json/echo", "application/json", json(Tokens.of(second))));
        assertEquals(first.toString(), one.getString("resultCdi"));
        assertEquals(second.toString(), two.getString("resultCdi"));
        assertEquals("accepted", two.getString("decisionCdi"));
        JsonObject open = Http.json(post("/app/open/echo", "application/json", "{}"));
        assertEquals("none", open.getString("resultCdi"));
        assertEquals("none", open.getString("decisionCdi"));
        JsonObject unchecked = Http.json(send(request("/app/json/echo").GET()));
        assertEquals("none", unchecked.getString("resultCdi"));
    }

    @Test
    void refusalsAreLoggedWithCodeMethodAndPathButNeverTheToken() {
        String token = Tokens.of(UUID.randomUUID());
        post("/app/json/echo?x=%0d%0aforged", "application/json", json(token));
        assertTrue(ServerLog.awaitText("TrustCaptcha refused POST /app/json/echo: verification-not-found (HTTP 404)"));
        assertFalse(ServerLog.text().contains(token), "a token appears in the log");
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    /** A token whose verification the fake answers with a human result, as often as asked. */
    private static String human() {
        UUID id = UUID.randomUUID();
        fake.answer(id, Answer.result(Results.human(id)));
        return Tokens.of(id);
    }

    private static String scripted(String resultJson) {
        UUID id = UUID.fromString(resultJson.replaceAll(".*\"verificationId\":\"([^\"]+)\".*", "$1"));
        fake.answer(id, Answer.result(resultJson));
        return Tokens.of(id);
    }

    private static String json(String token) {
        return "{\"verificationToken\":\"" + token + "\"}";
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(Http.at(deployment).uri(path));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        return Http.at(deployment).send(request);
    }

    private HttpResponse<String> post(String path, String contentType, String body) {
        return Http.at(deployment).post(path, contentType, body);
    }

    private HttpResponse<String> multipart(String path, Map<String, String> fields) {
        String boundary = "----trustcaptcha" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private static JsonObject assertProblem(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(null));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null));
        JsonObject problem = Http.json(response);
        assertEquals(code, problem.getString("code"));
        assertEquals(status, problem.getInt("status"));
        assertEquals("tag:captchagate.dev,2026:trustcaptcha/" + code, problem.getString("type"));
        assertFalse(problem.getString("title").isEmpty());
        assertFalse(response.body().contains("Exception") || response.body().contains("dev.captchagate"),
                response.body());
        return problem;
    }

    /** The two echoes show the application the same request (the captcha fields aside). */
    private static void assertSameView(JsonObject open, JsonObject protectedEcho) {
        for (String member : open.keySet()) {
            if (!member.startsWith("result") && !member.startsWith("decision")) {
                assertEquals(open.get(member), protectedEcho.get(member), member);
            }
        }
    }

    /** As {@link #assertSameView}, but the token values differ (each request needs its own). */
    private static void assertSameViewExceptToken(JsonObject open, JsonObject protectedEcho) {
        for (String member : open.keySet()) {
            if (member.startsWith("result") || member.startsWith("decision")) {
                continue;
            }
            if (member.equals("params")) {
                JsonObject a = open.getJsonObject("params");
                JsonObject b = protectedEcho.getJsonObject("params");
                assertEquals(List.copyOf(a.keySet()), List.copyOf(b.keySet()), "parameter names and their order");
                for (String name : a.keySet()) {
                    if (!name.equals("tc-verification-token")) {
                        assertEquals(a.get(name), b.get(name), name);
                    }
                }
            } else if (!member.equals("body") && !member.equals("text") && !member.equals("contentLength")) {
                assertEquals(open.get(member), protectedEcho.get(member), member);
            }
        }
        assertEquals(open.containsKey("body"), protectedEcho.containsKey("body"));
        assertEquals(open.containsKey("text"), protectedEcho.containsKey("text"));
        if (open.containsKey("body")) {
            assertEquals(open.getString("body").isEmpty(), protectedEcho.getString("body").isEmpty(),
                    "the body was consumed in one and not the other");
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

}
