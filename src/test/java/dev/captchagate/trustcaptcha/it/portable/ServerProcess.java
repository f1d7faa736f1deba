package dev.captchagate.trustcaptcha.it.portable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A Jakarta EE server that the portable suite starts as a process of its own, with the suite's WARs, talks to over
 * HTTP on 127.0.0.1, and stops by its PID. One subclass per server; the suite names none of them but through
 * {@link Servers}. The server writes its output (and, where it logs to a file, that file) where {@link #log()}
 * reads it.
 */
public abstract class ServerProcess implements AutoCloseable {

    /** How long a server may take to start and deploy the suite's WARs on two busy cores. */
    protected static final Duration START_DEADLINE = Duration.ofSeconds(240);

    /** This server's own directory under {@code target}: its copy of the configuration, its logs, its WARs. */
    protected final Path work;

    private Process process;

    /**
     * @param id a short name for directories and messages ({@code wildfly}, {@code liberty}, ...)
     */
    protected ServerProcess(String id) {
        this.work = Path.of(System.getProperty("it.build.dir", "target"), "servers", id).toAbsolutePath();
    }

    /** @return the server's name and version, for messages and reports */
    public abstract String name();

    /**
     * Starts the server with these WARs deployed, each under its file name without {@code .war} as context root, and
     * returns once the server has finished with every one of them: deployed, or failed (a failed WAR must not stop the
     * server; the suite tells the two apart over HTTP and by the log).
     *
     * @param wars the WAR files
     * @throws IOException when the server cannot be started or does not become ready by {@link #START_DEADLINE}
     * @throws InterruptedException when interrupted while waiting
     */
    public abstract void start(List<Path> wars) throws IOException, InterruptedException;

    /** @return the base URI of the HTTP listener, {@code http://127.0.0.1:PORT/} */
    public abstract URI baseUri();

    /** @return the log file the server writes its messages to (its standard output, or its own log file) */
    protected abstract Path logFile();

    /** @return everything the server has logged so far */
    public String log() {
        try {
            Path file = logFile();
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts the server's process, its standard output and error both into {@code output}.
     *
     * @param command the command line
     * @param environment variables to add to this JVM's environment
     * @param directory the working directory
     * @param output where the process's output goes
     * @return the process
     * @throws IOException when it cannot be started
     */
    protected Process launch(List<String> command, Map<String, String> environment, Path directory, Path output)
            throws IOException {
        Files.createDirectories(output.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        process = builder.start();
        // A test JVM that dies (a Failsafe timeout, Ctrl-C) takes its servers with it.
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            started.descendants().forEach(ProcessHandle::destroyForcibly);
            started.destroyForcibly();
        }, "stop " + name()));
        return process;
    }

    /**
     * Waits until the log satisfies a condition, checking every 100 ms, and fails when the process ends first or the
     * deadline passes.
     *
     * @param what the condition, for the failure message
     * @param condition the condition on the whole log
     * @param deadline how long to wait
     * @throws IOException when the deadline passes or the server exits first
     * @throws InterruptedException when interrupted
     */
    protected void awaitLog(String what, Predicate<String> condition, Duration deadline)
            throws IOException, InterruptedException {
        Instant end = Instant.now().plus(deadline);
        while (!condition.test(log())) {
            if (process != null && !process.isAlive()) {
                throw new IOException(name() + " exited (" + process.exitValue() + ") before " + what + "; log: "
                        + logFile() + "\n" + tail(log()));
            }
            if (Instant.now().isAfter(end)) {
                throw new IOException(name() + " did not report " + what + " within " + deadline.toSeconds()
                        + " s; log: " + logFile() + "\n" + tail(log()));
            }
            Thread.sleep(100);
        }
    }

    /**
     * Writes the stacks of the server JVM's threads (the process, or the one descendant that is a JVM) to
     * {@code threads-N.txt} in the server's directory, with the JDK's {@code jcmd}: for the failure message of a test
     * that found the server stuck.
     *
     * @return the file, or a sentence saying why there is none
     */
    public String threadDump() {
        if (process == null) {
            return "(no process)";
        }
        List<ProcessHandle> candidates = new java.util.ArrayList<>(process.descendants().toList());
        candidates.add(0, process.toHandle());
        for (ProcessHandle handle : candidates) {
            String command = handle.info().command().orElse("");
            if (!command.endsWith("/java")) {
                continue;
            }
            Path jcmd = Path.of(command).resolveSibling("jcmd");
            try {
                Path file = work.resolve("threads-" + System.currentTimeMillis() + ".txt");
                Process dump = new ProcessBuilder(jcmd.toString(), String.valueOf(handle.pid()), "Thread.print")
                        .redirectErrorStream(true).redirectOutput(file.toFile()).start();
                if (!dump.waitFor(60, TimeUnit.SECONDS)) {
                    dump.destroyForcibly();
                }
                return file.toString();
            } catch (IOException e) {
                return "(jcmd failed: " + e + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "(interrupted)";
            }
        }
        return "(no JVM among the server's processes)";
    }

    /**
     * Deletes the server's directory, so that every start begins from nothing (a killed run may have left one).
     *
     * @throws IOException when it cannot be deleted
     */
    protected void clean() throws IOException {
        if (!Files.exists(work)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(work)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** @return the process, once started */
    protected Process process() {
        return process;
    }

    /**
     * Stops the server: SIGTERM to its process and every descendant, then waits up to 60 s for them to exit (a forced
     * kill after that, which fails the suite: a server that cannot stop is a finding).
     */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = new java.util.ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        boolean stopped = true;
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
                stopped = false;
            }
        }
        process = null;
        if (!stopped) {
            throw new IllegalStateException(name() + " did not stop within 60 s of SIGTERM and was killed");
        }
    }

    /**
     * A TCP port that is free on 127.0.0.1 now (the server binds it a moment later).
     *
     * @return the port
     */
    protected static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The end of a log, for failure messages.
     *
     * @param log the log
     * @return its last 60 lines
     */
    protected static String tail(String log) {
        List<String> lines = log.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    /**
     * The {@code java} of a JDK home.
     *
     * @param home the JDK's home
     * @return its launcher
     */
    protected static String java(Path home) {
        return home.resolve("bin").resolve("java").toString();
    }

    /**
     * A required system property that the build sets for the ITs.
     *
     * @param name its name
     * @return its value
     */
    protected static String required(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run the ITs with mvn verify");
        }
        return value;
    }

    @Override
    public String toString() {
        return name();
    }

    /** @return the base URI of a context root */
    public URI context(String contextRoot) {
        return baseUri().resolve(contextRoot + "/");
    }
}
