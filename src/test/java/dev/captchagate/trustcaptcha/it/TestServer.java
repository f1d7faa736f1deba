package dev.captchagate.trustcaptcha.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The one place of the IT infrastructure that knows which server the ITs run on: Payara Micro, started by
 * Arquillian's Payara Micro connector with the loopback-only settings of {@code arquillian.xml} and
 * {@code src/test/payara}. Running the suite on another server means another {@code arquillian.xml} container and
 * connector, and another body for these methods; {@link ServerItExtension}, {@link ServerLog},
 * {@link OneServerAtATime} and the ITs' set-up ask this class and name no server. (Some ITs assert what Payara
 * itself does, its JCache or its multipart parsing, say: those assertions are about the server, not the set-up.)
 *
 * <p>What is specific to Payara Micro here: its output reaches the test JVM through the connector
 * ({@code outputToConsole}); WARs besides the Arquillian deployment are deployed at start-up from the directory that
 * {@code --deploymentDir} names; and its processes are recognised by their command line.
 */
public final class TestServer {

    /** The server's name, for messages. */
    static final String NAME = "Payara Micro";

    /** Where Payara Micro finds the extra WARs at start-up: {@code --deploymentDir} in {@code arquillian.xml}. */
    private static final Path EXTRA_DEPLOYMENTS = Path.of(System.getProperty("it.build.dir", "target"),
            "it-extra-deployments");

    /** Whether a test class is building its deployment now, before Arquillian starts the server. */
    private static boolean deploying;

    private TestServer() {
    }

    /**
     * Deploys WARs on the same server as the class's Arquillian deployment, at the same start. Call from the
     * {@code @Deployment} method of a {@link ServerIT} class: that runs before the server starts, and the class's
     * extra WARs are forgotten when the next class begins. A WAR that fails to deploy does not stop the server (its
     * paths then answer 404, and its log lines tell why), which is what the ITs of broken configurations need.
     *
     * @param wars the WARs, each deployed under its name without {@code .war}
     */
    public static synchronized void alsoDeploy(WebArchive... wars) {
        if (!deploying) {
            throw new IllegalStateException("extra WARs are deployed when the server starts: call TestServer.alsoDeploy "
                    + "from the @Deployment method of a @ServerIT class");
        }
        try {
            for (WebArchive war : wars) {
                war.as(ZipExporter.class).exportTo(EXTRA_DEPLOYMENTS.resolve(war.getName()).toFile(), true);
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot write the extra deployment to " + EXTRA_DEPLOYMENTS, e);
        }
    }

    /**
     * Before Arquillian builds a class's deployment and starts the server: the server's output is captured, and the
     * extra WARs of an earlier class are removed, so that no class inherits another's.
     */
    static synchronized void beforeClass() {
        ServerLog.install();
        try {
            Files.createDirectories(EXTRA_DEPLOYMENTS);
            try (Stream<Path> old = Files.list(EXTRA_DEPLOYMENTS)) {
                for (Path file : (Iterable<Path>) old::iterator) {
                    Files.delete(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        deploying = true;
    }

    /** Once the server runs (from the class's first test on, and after it): too late for {@link #alsoDeploy}. */
    static synchronized void running() {
        deploying = false;
    }

    /**
     * Whether a process is a test server, so that {@link OneServerAtATime} can wait for it to exit.
     *
     * @param process a process this JVM started, directly or not
     * @return {@code true} for a Payara Micro (the ITs' and the demo's)
     */
    static boolean isServer(ProcessHandle process) {
        return process.info().commandLine().map(line -> line.contains("payara-micro")).orElse(false);
    }
}
