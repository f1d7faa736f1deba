package dev.captchagate.trustcaptcha.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The sandbox ships as its own test-scoped artifact (classifier {@code sandbox}) and never in the production jar;
 * the artifact holds the sandbox package alone, without its tests.
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
}
