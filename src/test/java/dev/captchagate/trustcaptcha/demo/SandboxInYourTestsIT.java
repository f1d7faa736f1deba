package dev.captchagate.trustcaptcha.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.captchagate.trustcaptcha.it.Http;
import dev.captchagate.trustcaptcha.it.ServerIT;
import dev.captchagate.trustcaptcha.it.TestWars;
import dev.captchagate.trustcaptcha.sandbox.SandboxOutcome;
import dev.captchagate.trustcaptcha.sandbox.TrustCaptchaSandbox;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.FileAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the README's "Testing your application with the sandbox" section tells users to do, done: an application
 * (a WAR with the library, protecting {@code /signup} by configuration alone) deployed by Arquillian on Payara
 * Micro, its {@code trustcaptcha/mp-rest/url} and {@code trustcaptcha.api-key} pointing at a
 * {@link TrustCaptchaSandbox} started by the test. Without a browser, tokens come from
 * {@link TrustCaptchaSandbox#token(SandboxOutcome)}; with one, the real widget on the application's page solves
 * against the sandbox on its own port (cross-origin, so through the sandbox's CORS). The test starts and stops the
 * sandbox itself, as the README's user does; {@link ServerIT} runs the server around it, as for every IT.
 */
@ServerIT
class SandboxInYourTestsIT {

    private static final Path WIDGET = Path.of(System.getProperty("it.build.dir", "target"), "demo", "widget",
            "trustcaptcha.umd.min.js");

    private static TrustCaptchaSandbox sandbox;

    @ArquillianResource
    private URL deployment;

    @Deployment(testable = false)
    static WebArchive application() {
        sandbox = TrustCaptchaSandbox.start();
        WebArchive war = TestWars.war("shop", TestWars.config(
                        "trustcaptcha.api-key", sandbox.apiKey(),
                        "trustcaptcha/mp-rest/url", sandbox.url(),
                        "trustcaptcha.filter.url-patterns", "/signup"))
                .addClass(SignupServlet.class)
                .addAsWebResource(new StringAsset(page(sandbox.url(), SandboxOutcome.HUMAN)), "human.html")
                .addAsWebResource(new StringAsset(page(sandbox.url(), SandboxOutcome.BOT)), "bot.html");
        if (Files.isRegularFile(WIDGET)) {
            war.addAsWebResource(new FileAsset(WIDGET.toFile()), "trustcaptcha.umd.min.js");
        }
        return war;
    }

    /** The application's page: the widget's api-url and site key are what the test chose. */
    private static String page(String apiUrl, SandboxOutcome outcome) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>Sign up</title>"
                + "<script src=\"trustcaptcha.umd.min.js\" defer></script></head><body>"
                + "<form method=\"post\" action=\"signup\"><input name=\"name\" value=\"Grace\">"
                + "<trustcaptcha-component sitekey=\"" + outcome.siteKey() + "\" api-url=\"" + apiUrl + "\">"
                + "</trustcaptcha-component><button id=\"send\" type=\"submit\">Sign up</button></form></body></html>";
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @Test
    void withoutABrowserTokensComeFromTheSandbox() {
        Http http = Http.at(deployment);
        HttpResponse<String> human = signUp(http, sandbox.token(SandboxOutcome.HUMAN));
        assertEquals(200, human.statusCode(), human.body());
        assertEquals("welcome Grace, score 0.1", human.body());

        HttpResponse<String> bot = signUp(http, sandbox.token(SandboxOutcome.BOT));
        assertEquals(403, bot.statusCode());
        assertEquals("score-too-high", Http.json(bot).getString("code"));

        String token = sandbox.token(SandboxOutcome.GATEWAY_FAILOVER);
        assertEquals(200, signUp(http, token).statusCode());
        HttpResponse<String> again = signUp(http, token);
        assertEquals("token-replayed", Http.json(again).getString("code"),
                "a token is good once: the library refuses its second use without asking the sandbox");

        assertEquals("verification-not-finished",
                Http.json(signUp(http, sandbox.token(SandboxOutcome.NOT_FINISHED))).getString("code"));
        assertEquals("verification-expired",
                Http.json(signUp(http, sandbox.token(SandboxOutcome.EXPIRED))).getString("code"));
    }

    @Test
    void inABrowserTheRealWidgetSolvesAgainstTheSandbox() {
        Browser.assumeInstalled();
        assumeTrue(Files.isRegularFile(WIDGET), "the widget was not bundled (built with -Ddemo.skip?)");
        try (Browser browser = Browser.start()) {
            String base = "http://127.0.0.1:" + deployment.getPort() + deployment.getPath();
            assertEquals("welcome Grace, score 0.1", submit(browser, base + "human.html"));
            String refused = submit(browser, base + "bot.html");
            assertTrue(refused.contains("\"code\":\"score-too-high\""), refused);
        }
    }

    private static String submit(Browser browser, String page) {
        browser.driver().get(page);
        WebDriverWait wait = new WebDriverWait(browser.driver(), Duration.ofSeconds(30));
        WebElement box = wait.until(d -> {
            try {
                return d.findElement(By.tagName("trustcaptcha-component")).getShadowRoot()
                        .findElement(By.cssSelector(".tc-checkbox-box"));
            } catch (RuntimeException notYet) {
                return null;
            }
        });
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].click();", box);
        wait.until(d -> !d.findElements(By.name("tc-verification-token")).isEmpty()
                && !d.findElement(By.name("tc-verification-token")).getAttribute("value").isBlank());
        browser.driver().findElement(By.id("send")).click();
        wait.until(d -> !d.getCurrentUrl().equals(page));
        return browser.driver().findElement(By.tagName("body")).getText();
    }

    private HttpResponse<String> signUp(Http http, String token) {
        return http.post(deployment.getPath() + "signup", "application/x-www-form-urlencoded",
                "name=Grace&tc-verification-token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }
}
