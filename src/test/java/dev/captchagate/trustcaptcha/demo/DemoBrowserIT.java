package dev.captchagate.trustcaptcha.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.captchagate.trustcaptcha.sandbox.SandboxOutcome;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.NoSuchShadowRootException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo as a person uses it: {@code ./demo} (already built) on Payara Micro, driven in headless Chromium. The
 * real widget solves its proof of work against the sandbox the demo serves, and the page shows what the server
 * decided, on the classic form path and on the JSON path, for a human, a bot, an expired result and a failed
 * verification. Skipped (not passed) when Chromium or chromedriver is missing.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DemoBrowserIT {

    private static final Pattern VERIFICATION_ID = Pattern.compile("\"verificationId\": \"([0-9a-f-]{36})\"");

    private static DemoProcess demo;
    private static Browser browser;
    private static String skipped;

    @BeforeAll
    static void start() {
        // A failed assumption here would make the reports show no test at all: each test is skipped instead.
        Path war = Path.of(System.getProperty("demo.war", "target/demo/trustcaptcha-demo.war"));
        skipped = Browser.missing().orElse(Files.isRegularFile(war) ? null
                : "the demo WAR was not built (built with -Ddemo.skip?): " + war);
        if (skipped == null) {
            demo = DemoProcess.start(Map.of(), Duration.ofSeconds(120));
            browser = Browser.start();
        }
    }

    @BeforeEach
    void skipWhenTheBrowserIsMissing() {
        assumeTrue(skipped == null, skipped);
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (demo != null) {
                demo.stop();
                assertTrue(demo.endsWithin(Duration.ofSeconds(1)), "the demo stops on SIGTERM");
            }
        }
    }

    @Test
    void theDemoServesTheBundledWidgetOnLoopbackOnly() throws IOException {
        HttpResponse<String> status = demo.get("/status");
        assertEquals(200, status.statusCode(), demo.output());
        assertEquals("ok: sandbox", status.body().strip());

        HttpResponse<String> widget = demo.get("/widget/trustcaptcha.umd.min.js");
        assertEquals(200, widget.statusCode());
        Path bundled = Path.of(System.getProperty("it.build.dir", "target"), "demo", "widget",
                "trustcaptcha.umd.min.js");
        assertEquals(Files.readString(bundled), widget.body(), "the npm bundle, as built into the WAR");
        assertTrue(widget.body().contains("trustcaptcha-component"));

        String page = demo.get("/").body();
        assertTrue(page.contains("<script src=\"widget/trustcaptcha.umd.min.js\""), page);
        assertFalse(Pattern.compile("<script[^>]+src=\"(https?:)?//").matcher(page).find(), "no script from a CDN");

        if (ListeningSockets.available()) {
            List<String> listening = ListeningSockets.of(demo.pid());
            assertTrue(listening.stream().anyMatch(a -> a.endsWith(":" + demo.port())), listening.toString());
            assertTrue(listening.stream().allMatch(ListeningSockets::loopback), "only loopback: " + listening);
        }
    }

    @Test
    void aHumanPassesTheClassicForm() {
        open(SandboxOutcome.HUMAN);
        WebElement form = driver().findElement(By.id("classic-form"));
        solve(form);
        WebElement field = form.findElement(By.name("tc-verification-token"));
        assertFalse(field.getAttribute("value").isBlank(), "the widget put its token into the hidden field");
        form.findElement(By.id("form-send")).click();

        await().until(d -> !d.findElements(By.id("verdict")).isEmpty());
        assertEquals("Accepted", text("verdict"));
        assertEquals("200", text("status"));
        assertEquals("accepted", text("code"));
        assertTrue(text("summary").startsWith("Thank you, Ada."), text("summary"));
        String answer = text("answer");
        assertTrue(answer.contains("\"verificationPassed\": true"), answer);
        assertTrue(answer.contains("\"captchaId\": \"" + SandboxOutcome.HUMAN.siteKey() + "\""), answer);
        assertTrue(answer.contains("\"origin\": \"" + demo.url() + "\""), "the widget's call reached the sandbox: "
                + answer);

        driver().findElement(By.id("again")).click();
        await().until(d -> d.getCurrentUrl().endsWith("/?outcome=human"));
        assertEquals("human", text("chosen"));
    }

    @Test
    void aBotIsRefusedOnTheClassicFormWithAReadablePage() {
        open(SandboxOutcome.BOT);
        assertEquals("bot", text("chosen"));
        WebElement form = driver().findElement(By.id("classic-form"));
        solve(form);
        form.findElement(By.id("form-send")).click();

        await().until(d -> !d.findElements(By.id("verdict")).isEmpty());
        assertEquals("Refused: CAPTCHA score too high", text("verdict"));
        assertEquals("403", text("status"));
        assertEquals("score-too-high", text("code"));
        assertTrue(text("answer").contains("\"code\": \"score-too-high\""), text("answer"));
        assertTrue(driver().findElement(By.id("again")).getAttribute("href").endsWith("/?outcome=bot"));
    }

    @Test
    void aHumanPassesTheJsonPathTwiceBecauseTheWidgetResets() {
        open(SandboxOutcome.HUMAN);
        WebElement form = driver().findElement(By.id("json-form"));
        String first = sendJson(form, "Accepted");
        assertTrue(text("json-body").contains("\"verificationPassed\": true"), text("json-body"));
        assertTrue(text("json-summary").startsWith("HTTP 200"), text("json-summary"));

        String second = sendJson(form, "Accepted");
        assertNotEquals(first, second, "a new verification, not the used token again (that would be 429)");
    }

    @Test
    void aBotIsRefusedOnTheJsonPath() {
        open(SandboxOutcome.BOT);
        sendJson(driver().findElement(By.id("json-form")), "Refused: CAPTCHA score too high");
        assertTrue(text("json-summary").startsWith("HTTP 403, code score-too-high."), text("json-summary"));
        assertTrue(text("json-body").contains("\"status\": 403"), text("json-body"));
    }

    @Test
    void anExpiredResultAndAFailedVerificationAreRefusedOnTheJsonPath() {
        open(SandboxOutcome.EXPIRED);
        sendJson(driver().findElement(By.id("json-form")), null);
        assertTrue(text("json-summary").startsWith("HTTP 403, code verification-expired."), text("json-summary"));

        open(SandboxOutcome.FAILED);
        sendJson(driver().findElement(By.id("json-form")), null);
        assertTrue(text("json-summary").startsWith("HTTP 403, code verification-failed."), text("json-summary"));
    }

    @Test
    void thePageLinksTheServersHealthAndMetricsWhichShowTheVerificationsItMakes() {
        String page = demo.get("/").body();
        for (String link : List.of("href=\"health/ready\"", "href=\"health/started\"",
                "href=\"metrics?scope=application\"")) {
            assertTrue(page.contains(link), link);
        }
        // The start-up check asked the sandbox for a random id and got 404: the key is accepted.
        await().until(d -> demo.get("/health/ready").body().matches(
                "(?s).*\\{\"name\":\"trustcaptcha\",\"status\":\"UP\".*\"api-key\":\"accepted\".*"));
        HttpResponse<String> started = demo.get("/health/started");
        assertEquals(200, started.statusCode(), started.body());
        assertTrue(started.body().contains("\"name\":\"trustcaptcha\",\"status\":\"UP\""), started.body());

        double before = acceptedByTheFilter();
        open(SandboxOutcome.HUMAN);
        sendJson(driver().findElement(By.id("json-form")), "Accepted");
        await().until(d -> acceptedByTheFilter() == before + 1);
    }

    /** {@code trustcaptcha_decisions_total} of the demo's filter for accepted requests, as the server shows it. */
    private static double acceptedByTheFilter() {
        HttpResponse<String> metrics = demo.get("/metrics?scope=application");
        assertEquals(200, metrics.statusCode(), metrics.body());
        double accepted = 0;
        for (String line : metrics.body().split("\n")) {
            if (line.startsWith("trustcaptcha_decisions_total{") && line.contains("filter=\"captcha\"")
                    && line.contains("outcome=\"accepted\"")) {
                accepted += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return accepted;
    }

    @Test
    void theSignInChecksTheCaptchaBeforeThePassword() {
        // The widget keeps a browser from posting the form unsolved; a client without it is sent back.
        HttpResponse<String> unsolved = demo.send(HttpRequest.newBuilder(URI.create(demo.url() + "/signin"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("user=demo&password=demo")));
        assertEquals(302, unsolved.statusCode(), unsolved.body());
        String back = unsolved.headers().firstValue("Location").orElse("");
        assertTrue(back.endsWith("/signin?trustcaptcha=token-missing"), back);
        driver().get(back);
        assertTrue(text("signin-message").contains("token-missing"), text("signin-message"));

        WebElement form = driver().findElement(By.id("signin-form"));
        solve(form);
        form.findElement(By.id("signin-password")).sendKeys("wrong");
        form.findElement(By.id("signin-send")).click();
        await().until(d -> d.getCurrentUrl().endsWith("/signin?failed"));
        assertEquals("Wrong user name or password.", text("signin-message"));

        form = driver().findElement(By.id("signin-form"));
        solve(form);
        form.findElement(By.id("signin-password")).sendKeys("demo");
        form.findElement(By.id("signin-send")).click();
        await().until(d -> d.getCurrentUrl().endsWith("/account"));
        assertEquals("demo", text("account-user"));
        driver().findElement(By.id("signout")).click();
        await().until(d -> !d.getCurrentUrl().endsWith("/account"));
        driver().get(demo.url() + "/account");
        await().until(d -> d.getCurrentUrl().contains("/signin"));
    }

    @Test
    void aPageOnAnotherLocalOriginReadsAnswersThroughCors() {
        // http://localhost:PORT and http://127.0.0.1:PORT are different origins: a real cross-origin call with a
        // preflight (JSON), whose refusal the page can read only if it carries CORS headers.
        driver().get("http://localhost:" + demo.port() + "/status");
        Object answer = ((JavascriptExecutor) driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {method: 'POST', headers: {'Content-Type': 'application/json'},"
                + " body: JSON.stringify({verificationToken: 'invalid-base64'})})"
                + ".then(r => r.json().then(j => done(r.status + ' ' + j.code)))"
                + ".catch(e => done('blocked: ' + e));", demo.url() + "/api/example");
        assertEquals("403 token-invalid", answer);
    }

    @Test
    void corsAllowsLocalOriginsOnlyAndAnswersThePreflight() {
        HttpResponse<String> preflight = demo.send(HttpRequest.newBuilder(URI.create(demo.url() + "/api/example"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:5173")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type"));
        assertEquals(204, preflight.statusCode());
        assertEquals("http://localhost:5173", preflight.headers().firstValue("Access-Control-Allow-Origin")
                .orElse(null));
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("")
                .contains("Content-Type"));

        HttpResponse<String> foreign = demo.send(HttpRequest.newBuilder(URI.create(demo.url() + "/api/example"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://shop.example.com")
                .header("Access-Control-Request-Method", "POST"));
        assertEquals(403, foreign.statusCode());
        assertTrue(foreign.headers().firstValue("Access-Control-Allow-Origin").isEmpty());

        HttpResponse<String> refused = demo.send(HttpRequest.newBuilder(URI.create(demo.url() + "/api/example"))
                .header("Origin", "http://127.0.0.1:3000").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(403, refused.statusCode());
        assertEquals("http://127.0.0.1:3000", refused.headers().firstValue("Access-Control-Allow-Origin")
                .orElse(null), "refusals carry CORS headers too");
        assertTrue(refused.body().contains("\"code\":\"token-missing\""), refused.body());
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private static WebDriver driver() {
        return browser.driver();
    }

    private static WebDriverWait await() {
        return new WebDriverWait(driver(), Duration.ofSeconds(30));
    }

    private static void open(SandboxOutcome outcome) {
        driver().get(demo.url() + "/?outcome=" + outcome.name().toLowerCase(java.util.Locale.ROOT));
    }

    private static String text(String id) {
        return driver().findElement(By.id(id)).getText();
    }

    /** Clicks the widget's checkbox and waits until the widget has a token. */
    private static void solve(WebElement form) {
        WebElement widget = form.findElement(By.tagName("trustcaptcha-component"));
        WebElement box = await().until(d -> {
            try {
                return widget.getShadowRoot().findElement(By.cssSelector(".tc-checkbox-box"));
            } catch (NoSuchShadowRootException | NoSuchElementException notYet) {
                return null;
            }
        });
        ((JavascriptExecutor) driver()).executeScript("arguments[0].click();", box);
        await().until(d -> !form.findElements(By.name("tc-verification-token")).isEmpty()
                && !form.findElement(By.name("tc-verification-token")).getAttribute("value").isBlank());
    }

    /**
     * Solves the JSON form's widget, sends, and waits for the answer (and, when given, this verdict); returns the
     * verification id in the answer, if any. Checks that the widget reset afterwards.
     */
    private static String sendJson(WebElement form, String verdict) {
        WebElement send = form.findElement(By.id("json-send"));
        assertFalse(send.isEnabled(), "nothing to send before the widget is solved");
        String before = driver().findElement(By.id("json-body")).getText();
        solve(form);
        await().until(d -> send.isEnabled());
        send.click();
        await().until(d -> {
            WebElement answer = d.findElement(By.id("json-answer"));
            return answer.isDisplayed() && !answer.findElement(By.id("json-body")).getText().equals(before)
                    && !answer.findElement(By.id("json-verdict")).getText().isEmpty();
        });
        if (verdict != null) {
            assertEquals(verdict, text("json-verdict"), text("json-body"));
        }
        await().until(d -> !send.isEnabled() && form.findElements(By.name("tc-verification-token")).stream()
                .allMatch(field -> field.getAttribute("value").isBlank()));
        Matcher id = VERIFICATION_ID.matcher(text("json-body"));
        return id.find() ? id.group(1) : "";
    }
}
