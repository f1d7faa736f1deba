package dev.captchagate.trustcaptcha.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The sandbox ships as its own test-scoped artifact (classifier {@code sandbox}), built from {@code src/sandbox/java}
 * alone, and never in the production jar; the artifact holds the sandbox package alone, without its tests, and runs
 * with nothing but the JDK.
 */
class SandboxArtifactIT {

    private static final String PACKAGE = "dev/captchagate/trustcaptcha/sandbox/";

    @Test
    void theProductionJarHasNoSandbox() throws IOException {
        try (JarFile jar = new JarFile(System.getProperty("it.library.jar"))) {
            List<String> names = jar.stream().map(ZipEntry::getName).toList();
            assertTrue(names.contains("dev/captchagate/trustcaptcha/TrustCaptchaFilter.class"), "the library jar");
            assertTrue(names.stream().noneMatch(name -> name.startsWith(PACKAGE)), names.toString());
        }
    }

    @Test
    void theSandboxJarHoldsTheSandboxOnly() throws IOException {
        try (JarFile jar = new JarFile(System.getProperty("demo.sandbox.jar"))) {
            List<String> classes = jar.stream().map(ZipEntry::getName).filter(name -> name.endsWith(".class"))
                    .toList();
            assertTrue(classes.contains(PACKAGE + "TrustCaptchaSandbox.class"), classes.toString());
            assertTrue(classes.contains(PACKAGE + "SandboxOutcome.class"), classes.toString());
            assertTrue(classes.contains(PACKAGE + "SandboxApi.class"), classes.toString());
            assertTrue(classes.stream().allMatch(name -> name.startsWith(PACKAGE)), classes.toString());
            assertFalse(classes.stream().anyMatch(name -> name.matches(".*(Test|IT)(\\$.*)?\\.class")),
                    classes.toString());
            assertEquals("dev.captchagate.trustcaptcha.sandbox",
                    jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name"));
        }
    }

    /**
     * The jar in a class loader that sees the JDK and nothing else (not the library, not the test classpath): the
     * sandbox starts, hands out a token, and its result API answers it as TrustCaptcha would.
     */
    @Test
    void theSandboxJarRunsOnTheJdkAlone() throws Exception {
        URL jar = Path.of(System.getProperty("demo.sandbox.jar")).toUri().toURL();
        try (URLClassLoader jdkAndJar = new URLClassLoader(new URL[] {jar}, ClassLoader.getPlatformClassLoader())) {
            Class<?> sandboxType = jdkAndJar.loadClass("dev.captchagate.trustcaptcha.sandbox.TrustCaptchaSandbox");
            Class<?> outcomeType = jdkAndJar.loadClass("dev.captchagate.trustcaptcha.sandbox.SandboxOutcome");
            assertSame(jdkAndJar, sandboxType.getClassLoader(), "loaded from the jar");
            Object human = Arrays.stream(outcomeType.getEnumConstants())
                    .filter(outcome -> ((Enum<?>) outcome).name().equals("HUMAN")).findFirst().orElseThrow();
            try (AutoCloseable sandbox = (AutoCloseable) sandboxType.getMethod("start").invoke(null)) {
                String token = (String) sandboxType.getMethod("token", outcomeType).invoke(sandbox, human);
                String url = (String) sandboxType.getMethod("url").invoke(sandbox);
                String apiKey = (String) sandboxType.getMethod("apiKey").invoke(sandbox);
                Matcher id = Pattern.compile("\"verificationId\":\"([0-9a-f-]{36})\"")
                        .matcher(new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8));
                assertTrue(id.find(), token);

                HttpResponse<String> result = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(url + "/v2/verifications/" + id.group(1) + "/results"))
                        .header("Authorization", "Bearer " + apiKey).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, result.statusCode(), result.body());
                assertTrue(result.body().contains("\"verificationId\":\"" + id.group(1) + "\""), result.body());
                assertTrue(result.body().contains("\"verificationPassed\":true"), result.body());
            }
        }
    }
}
