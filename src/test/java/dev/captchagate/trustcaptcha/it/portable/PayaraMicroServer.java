package dev.captchagate.trustcaptcha.it.portable;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Payara Micro (6 on the build's JDK, 7 on a JDK 21 or later found at run time), started with the suite's WARs on
 * its command line and the loopback-only settings of {@code src/test/payara}: HTTP on 127.0.0.1, Hazelcast on
 * 127.0.0.1 without discovery (so that its JCache, which users get by default, is what the library finds), no
 * phone-home. Nothing else is tuned: the JVM's and Payara's defaults, as a user gets them.
 */
final class PayaraMicroServer extends ServerProcess {

    private final String version;
    private final Path jar;
    private final Path javaHome;
    private int port;

    /**
     * @param version Payara Micro's version, for messages
     * @param jar the Payara Micro jar
     * @param javaHome the JDK to run it on
     */
    PayaraMicroServer(String version, Path jar, Path javaHome) {
        super("payara-" + version);
        this.version = version;
        this.jar = jar;
        this.javaHome = javaHome;
    }

    @Override
    public String name() {
        return "Payara Micro " + version + " (JDK " + Jdks.version(javaHome) + ")";
    }

    @Override
    public void start(List<Path> wars) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("Payara Micro " + version + " is missing: " + jar);
        }
        clean();
        Path config = Path.of(required("it.payara.dir"));
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        port = freePort();
        List<String> command = new ArrayList<>(List.of(java(javaHome), "-Xmx512m", "-Djava.io.tmpdir=" + tmp,
                "-Dhazelcast.socket.bind.any=false", "-Dhazelcast.phone.home.enabled=false",
                "-jar", jar.toString(), "--port", String.valueOf(port), "--nohostaware", "--disablephonehome",
                "--hzconfigfile", config.resolve("hazelcast-loopback.xml").toString(),
                "--prebootcommandfile", config.resolve("preboot-loopback.asadmin").toString(),
                "--rootdir", work.resolve("root").toString()));
        for (Path war : wars) {
            command.add("--deploy");
            command.add(war.toString());
        }
        launch(command, Map.of("JAVA_HOME", javaHome.toString()), work, logFile());
        awaitLog("that it is ready", log -> log.contains("Payara Micro URLs:") || log.contains(" ready in "),
                START_DEADLINE);
    }

    @Override
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    @Override
    protected Path logFile() {
        return work.resolve("server.log");
    }
}
