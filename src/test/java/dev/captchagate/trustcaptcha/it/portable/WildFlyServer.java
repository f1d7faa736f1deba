package dev.captchagate.trustcaptcha.it.portable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * WildFly (the full distribution, {@code org.wildfly:wildfly-dist} unpacked), started by its own
 * {@code bin/standalone.sh} with {@code standalone-microprofile.xml}.
 *
 * <p>The unpacked distribution stays untouched: each start copies its {@code standalone} directory (configuration
 * only) to a fresh server base directory under {@link #work} ({@code -Djboss.server.base.dir}), and puts the WARs
 * into that copy's {@code deployments} directory before the server starts, where the deployment scanner deploys
 * them at boot. Every port moves by one offset ({@code -Djboss.socket.binding.port-offset}), chosen so that all of
 * the configuration's ports are free; public and management interfaces are bound to 127.0.0.1. The server runs on
 * the JDK of this JVM ({@code JAVA_HOME}).
 *
 * <p>{@link #start} returns when the scanner has left a {@code .deployed} or {@code .failed} marker beside every
 * WAR and the server has reported that it started ({@code WFLYSRV0025}, or {@code WFLYSRV0026} "started (with
 * errors)" when a deployment failed). The log is {@code log/server.log} of the base directory, which holds all the
 * console says and more; until it exists (a server that dies at once), the console output.
 */
public final class WildFlyServer extends ServerProcess {

    /** The ports of {@code standalone-microprofile.xml}'s socket binding group, before the offset. */
    private static final int[] PORTS = {8080, 8443, 8009, 9990, 9993, 4712, 4713};

    private static final int HTTP = 8080;

    private static final String CONFIG = "standalone-microprofile.xml";

    private final Path home;
    private final List<String> systemProperties = new ArrayList<>();
    private final Map<String, String> edits = new LinkedHashMap<>();
    private Path base;
    private Path console;
    private int offset = -1;

    /**
     * @param home the unpacked distribution ({@code wildfly-39.0.1.Final}), from the system property
     *        {@code it.wildfly.home}
     */
    public WildFlyServer(Path home) {
        this(home, "wildfly");
    }

    /**
     * @param home the unpacked distribution
     * @param id the name of this server's directory under {@code target/servers}, for a test class that must not
     *        share one with another
     */
    public WildFlyServer(Path home, String id) {
        super(id);
        this.home = home.toAbsolutePath();
        if (!Files.isRegularFile(this.home.resolve("bin/standalone.sh"))) {
            throw new IllegalStateException("not a WildFly home (no bin/standalone.sh): " + this.home);
        }
    }

    /** A WildFly at the home the build names in {@code it.wildfly.home}. */
    public static WildFlyServer fromSystemProperty() {
        return new WildFlyServer(Path.of(required("it.wildfly.home")));
    }

    /**
     * Adds a system property to the server's command line, for the next start.
     *
     * @param name its name
     * @param value its value
     * @return this server
     */
    public WildFlyServer systemProperty(String name, String value) {
        systemProperties.add("-D" + name + "=" + value);
        return this;
    }

    /**
     * Sets the HTTP worker pool's size ({@code task-max-threads} of the io subsystem's default worker) in the copy of
     * the configuration, for the next start. Unset, WildFly sizes it at 16 threads a core (32 on two cores).
     *
     * @param threads the most request threads
     * @return this server
     */
    public WildFlyServer workerThreads(int threads) {
        return configure("<worker name=\"default\"/>", "<worker name=\"default\" task-max-threads=\"" + threads
                + "\"/>");
    }

    /**
     * Replaces a piece of the copy of the configuration ({@code standalone-microprofile.xml}) for the next start;
     * the start fails when the configuration does not have it.
     *
     * @param from the text as the distribution has it
     * @param to its replacement
     * @return this server
     */
    public WildFlyServer configure(String from, String to) {
        edits.put(from, to);
        return this;
    }

    @Override
    public String name() {
        // The distribution's directory is named after its version: wildfly-39.0.1.Final.
        String dir = home.getFileName().toString();
        return dir.startsWith("wildfly-") ? "WildFly " + dir.substring("wildfly-".length()) : "WildFly (" + dir + ")";
    }

    @Override
    public void start(List<Path> wars) throws IOException, InterruptedException {
        if (process() != null) {
            throw new IllegalStateException(name() + " is running already");
        }
        base = work.resolve("standalone");
        console = work.resolve("console.log");
        delete(work);
        Files.createDirectories(base.resolve("deployments"));
        copyTree(home.resolve("standalone/configuration"), base.resolve("configuration"));
        if (!edits.isEmpty()) {
            Path config = base.resolve("configuration/" + CONFIG);
            String xml = Files.readString(config);
            for (Map.Entry<String, String> edit : edits.entrySet()) {
                if (!xml.contains(edit.getKey())) {
                    throw new IllegalStateException("no " + edit.getKey() + " in " + config);
                }
                xml = xml.replace(edit.getKey(), edit.getValue());
            }
            Files.writeString(config, xml);
        }
        List<Path> markers = new ArrayList<>();
        for (Path war : wars) {
            String file = war.getFileName().toString();
            Files.copy(war, base.resolve("deployments").resolve(file), StandardCopyOption.REPLACE_EXISTING);
            markers.add(base.resolve("deployments").resolve(file));
        }
        offset = freeOffset();

        List<String> command = new ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(),
                "-c", CONFIG,
                "-b", "127.0.0.1", "-bmanagement", "127.0.0.1",
                "-Djboss.server.base.dir=" + base,
                "-Djboss.socket.binding.port-offset=" + offset));
        command.addAll(systemProperties);
        // LAUNCH_JBOSS_IN_BACKGROUND: the script starts the JVM as its child, relays SIGTERM to it and waits for it
        // (measured: the JVM is gone 0.4 s after SIGTERM to the script). Without it the script runs the JVM in the
        // foreground, dies of SIGTERM alone, and the JVM runs on (still up 69 s later).
        launch(command, Map.of("JAVA_HOME", System.getProperty("java.home"), "JBOSS_HOME", home.toString(),
                "LAUNCH_JBOSS_IN_BACKGROUND", "true"), work, console);
        awaitLog("the start and every deployment (" + wars.size() + " WARs)", log -> started(log)
                && markers.stream().allMatch(WildFlyServer::decided), START_DEADLINE);
    }

    private static boolean started(String log) {
        return log.contains("WFLYSRV0025") || log.contains("WFLYSRV0026");
    }

    /** Whether the scanner has decided a WAR: deployed, or failed. */
    private static boolean decided(Path war) {
        return Files.exists(Path.of(war + ".deployed")) || Files.exists(Path.of(war + ".failed"));
    }

    /**
     * Whether the scanner failed a WAR ({@code .failed} marker, which holds the failure).
     *
     * @param warName the WAR's file name, e.g. {@code missing-key.war}
     * @return whether it failed
     */
    public boolean failed(String warName) {
        return base != null && Files.exists(base.resolve("deployments").resolve(warName + ".failed"));
    }

    @Override
    public URI baseUri() {
        if (offset < 0) {
            throw new IllegalStateException(name() + " is not started");
        }
        return URI.create("http://127.0.0.1:" + (HTTP + offset) + "/");
    }

    /** @return the management port (HTTP, 127.0.0.1), for the CLI or the HTTP management API */
    public int managementPort() {
        return 9990 + offset;
    }

    @Override
    protected Path logFile() {
        if (base != null) {
            Path serverLog = base.resolve("log/server.log");
            if (Files.isRegularFile(serverLog)) {
                return serverLog;
            }
        }
        return console != null ? console : work.resolve("console.log");
    }

    /** @return the console output (the script's and the JVM's standard output and error) */
    public Path consoleFile() {
        return console;
    }

    /** An offset that moves every port of the configuration onto a free one (all within 1024 to 65535). */
    private static int freeOffset() {
        for (int attempt = 0; attempt < 200; attempt++) {
            // 4712 + offset > 1024 and 9993 + offset < 65535; multiples of 10 keep the ports readable.
            int candidate = 10 * ThreadLocalRandom.current().nextInt(100, 5000);
            boolean free = true;
            for (int port : PORTS) {
                free &= isFree(port + candidate);
            }
            if (free) {
                return candidate;
            }
        }
        throw new IllegalStateException("no port offset with all of WildFly's ports free");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return socket.isBound();
        } catch (IOException taken) {
            return false;
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
