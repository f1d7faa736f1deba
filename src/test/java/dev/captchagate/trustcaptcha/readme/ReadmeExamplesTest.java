package dev.captchagate.trustcaptcha.readme;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles every {@code java} block of the README against the library, its API dependencies and the sandbox, so that
 * no example can drift from the API. A block is a compilation unit (it declares a type), class members, or statements
 * of a method that returns a JAX-RS {@code Response}; members and statements are compiled in a subclass of
 * {@link ReadmeContext}, which holds what the examples take as given. The imports are the ones an application would
 * write.
 */
class ReadmeExamplesTest {

    private static final Pattern JAVA_BLOCK = Pattern.compile("(?ms)^```java\\n(.*?)^```$");

    private static final String IMPORTS = String.join("\n",
            "import dev.captchagate.trustcaptcha.*;",
            "import dev.captchagate.trustcaptcha.replay.*;",
            "import dev.captchagate.trustcaptcha.sandbox.*;",
            "import jakarta.annotation.Priority;",
            "import jakarta.enterprise.context.ApplicationScoped;",
            "import jakarta.enterprise.event.ObservesAsync;",
            "import jakarta.enterprise.inject.Alternative;",
            "import jakarta.inject.Inject;",
            "import jakarta.json.JsonObject;",
            "import jakarta.security.enterprise.AuthenticationStatus;",
            "import jakarta.security.enterprise.SecurityContext;",
            "import jakarta.security.enterprise.authentication.mechanism.http.*;",
            "import jakarta.security.enterprise.credential.*;",
            "import jakarta.security.enterprise.identitystore.*;",
            "import jakarta.enterprise.context.RequestScoped;",
            "import jakarta.servlet.http.HttpServlet;",
            "import jakarta.servlet.http.HttpServletRequest;",
            "import jakarta.servlet.http.HttpServletResponse;",
            "import jakarta.servlet.annotation.WebServlet;",
            "import java.io.IOException;",
            "import java.util.Set;",
            "import jakarta.servlet.annotation.WebFilter;",
            "import jakarta.ws.rs.*;",
            "import jakarta.ws.rs.core.MediaType;",
            "import jakarta.ws.rs.core.Response;",
            "import java.io.File;",
            "import java.time.Duration;",
            "import java.util.UUID;",
            "import org.jboss.arquillian.container.test.api.Deployment;",
            "import org.jboss.shrinkwrap.api.ShrinkWrap;",
            "import org.jboss.shrinkwrap.api.asset.StringAsset;",
            "import org.jboss.shrinkwrap.api.spec.WebArchive;",
            "import org.junit.jupiter.api.AfterAll;",
            "import org.junit.jupiter.api.Test;",
            "");

    @TempDir
    Path classes;

    @TestFactory
    Stream<DynamicTest> everyJavaExampleCompiles() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        List<String> blocks = new ArrayList<>();
        Matcher matcher = JAVA_BLOCK.matcher(readme);
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }
        assertTrue(blocks.size() >= 8, "the README's java blocks were not found: " + blocks.size());
        for (String block : blocks) {
            assertFalse(block.contains(".internal"), "an example names the library's internals:\n" + block);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            String block = blocks.get(i);
            int line = readme.substring(0, readme.indexOf(block)).split("\n", -1).length;
            String name = "Example" + i;
            tests.add(DynamicTest.dynamicTest("README line " + line, () -> compiles(name, block, line)));
        }
        return tests.stream();
    }

    private void compiles(String name, String block, int line) {
        List<String> attempts = List.of(
                IMPORTS + block,
                IMPORTS + "class " + name + " extends " + ReadmeContext.class.getName() + " {\n" + block + "\n}\n",
                IMPORTS + "class " + name + " extends " + ReadmeContext.class.getName() + " {\n"
                        + "Response example() throws Exception {\n" + block + "\n}\n}\n");
        StringBuilder failures = new StringBuilder();
        for (String source : attempts) {
            String errors = compile(name, source);
            if (errors.isEmpty()) {
                return;
            }
            failures.append("\n--- as ").append(source == attempts.get(0) ? "a compilation unit"
                    : source == attempts.get(1) ? "class members" : "statements").append(":\n").append(errors);
        }
        fail("the README's example at line " + line + " does not compile:" + failures);
    }

    /**
     * What an application compiles against: the library's classes, the sandbox's, and the jars (the APIs the server
     * provides, Arquillian, JUnit); never the library's test classes, except {@link ReadmeContext}, compiled from its
     * source beside each example.
     */
    private static final String CLASSPATH = Stream.concat(
                    Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                            .filter(entry -> entry.endsWith(".jar") || entry.endsWith(File.separator + "classes")),
                    Stream.of(Path.of("target", "sandbox-classes").toString()))
            .collect(Collectors.joining(File.pathSeparator));

    private static final Path CONTEXT = Path.of("src/test/java", ReadmeContext.class.getName().replace('.', '/')
            + ".java");

    /** Compiles one source; the errors, or nothing. */
    private String compile(String name, String source) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        String typeName = declaredType(source, name);
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + typeName + ".java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            StringWriter out = new StringWriter();
            List<JavaFileObject> units = new ArrayList<>(List.of(file));
            files.getJavaFileObjects(CONTEXT.toFile()).forEach(units::add);
            boolean ok = compiler.getTask(out, files, diagnostics, List.of("-proc:none", "-d", classes.toString(),
                    "-classpath", CLASSPATH), null, units).call();
            if (ok) {
                return "";
            }
            StringBuilder errors = new StringBuilder(out.toString());
            diagnostics.getDiagnostics().stream().filter(d -> d.getSource() == file).forEach(d -> errors.append("line ").append(d.getLineNumber()
                    - IMPORTS.split("\n", -1).length + 1).append(": ").append(d.getMessage(Locale.ROOT)).append('\n'));
            return errors.toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public type a unit declares (the file must be named after it), else the wrapper's name. */
    private static String declaredType(String source, String fallback) {
        Matcher matcher = Pattern.compile("(?m)^public (?:final )?(?:class|interface|record|enum) (\\w+)")
                .matcher(source);
        return matcher.find() ? matcher.group(1) : fallback;
    }

    @org.junit.jupiter.api.Test
    void anExampleThatDoesNotCompileIsCaught() {
        assertFalse(compile("Testing", IMPORTS + "class Testing { Object x() { return "
                + "dev.captchagate.trustcaptcha.testing.FakeTrustCaptchaApi.class; } }").isEmpty(),
                "the library's test classes are not on an application's classpath");
        assertTrue(compile("Sandbox", IMPORTS + "class Sandbox { Object x() { return TrustCaptchaSandbox.class; } }")
                .isEmpty(), "the sandbox is");
        assertFalse(compile("Broken", IMPORTS + "class Broken { void x() { Outcome.NO_SUCH_OUTCOME.code(); } }")
                .isEmpty());
        assertTrue(compile("Fine", IMPORTS + "class Fine { String x() { return Outcome.ACCEPTED.code(); } }")
                .isEmpty());
    }
}
