package dev.captchagate.trustcaptcha.it.portable;

import static dev.captchagate.trustcaptcha.it.TestWars.apiConfig;
import static dev.captchagate.trustcaptcha.it.TestWars.war;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.captchagate.trustcaptcha.it.Http;
import dev.captchagate.trustcaptcha.it.NoSecretsInTheLog;
import dev.captchagate.trustcaptcha.it.app.EchoServlet;
import dev.captchagate.trustcaptcha.testing.Answer;
import dev.captchagate.trustcaptcha.testing.FakeTrustCaptchaApi;
import dev.captchagate.trustcaptcha.testing.Results;
import dev.captchagate.trustcaptcha.testing.Tokens;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README's advice that "a cluster gets a shared replay guard by adding a JCache provider to the application",
 * proved on WildFly, which brings no JCache of its own: two WARs, {@code hz-a} and {@code hz-b}, each with Hazelcast
 * and the JCache API in {@code WEB-INF/lib} and {@code src/test/wildfly/hazelcast-loopback.xml} as its
 * {@code hazelcast.xml}, on one WildFly. Each WAR runs its own Hazelcast member; the two join over 127.0.0.1 (tcp-ip,
 * a port range picked free at run time) and so share the cache {@code trustcaptcha-replay}: a token accepted by one
 * WAR is a replay to the other, and TrustCaptcha is asked once.
 *
 * <p>What the WARs and the server need besides (found by hand before this test): the WAR's
 * {@code WEB-INF/jboss-deployment-structure.xml} adds the module {@code jdk.unsupported} (Hazelcast needs
 * {@code sun.misc.Unsafe}); the server runs with {@code -Dhazelcast.jcache.provider.type=member} (else Hazelcast's
 * default JCache provider is the client one, which finds no cluster) and {@code -Dit.hazelcast.port}, where the
 * members' ports begin.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterReplayOnWildFlyIT {

    private static final String JSON = "application/json";
    private static final String JCACHE_LINE = "TrustCaptcha replay protection: JCache";

    /** The ports the members may take from {@code it.hazelcast.port} on (port-count of hazelcast-loopback.xml). */
    private static final int HAZELCAST_PORTS = 10;

    /** A member's own line in a member list: {@code Member [127.0.0.1]:PORT - UUID this}. */
    private static final Pattern THIS_MEMBER = Pattern.compile("Member \\[127\\.0\\.0\\.1\\]:(\\d+) - [0-9a-f-]+ this");

    private WildFlyServer server;
    private FakeTrustCaptchaApi fake;
    private Http http;

    @BeforeAll
    void start() throws Exception {
        fake = FakeTrustCaptchaApi.start();
        server = new WildFlyServer(Path.of(ServerProcess.required("it.wildfly.home")), "wildfly-jcache");
        Path wars = Files.createDirectories(server.work.resolveSibling(server.work.getFileName() + "-wars"));
        List<Path> files = new ArrayList<>();
        for (String name : List.of("hz-a", "hz-b")) {
            WebArchive war = jcacheWar(name);
            Path file = wars.resolve(war.getName());
            war.as(ZipExporter.class).exportTo(file.toFile(), true);
            files.add(file);
        }
        int hazelcastPort = freePortRange(HAZELCAST_PORTS);
        server.systemProperty("hazelcast.jcache.provider.type", "member")
                .systemProperty("it.hazelcast.port", String.valueOf(hazelcastPort));
        Instant begin = Instant.now();
        server.start(files);
        System.out.println(server.name() + ": started with " + files.size() + " WARs (Hazelcast from port "
                + hazelcastPort + ") in " + Duration.between(begin, Instant.now()).toMillis() + " ms");
        http = Http.at(server.baseUri());
    }

    @AfterAll
    void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (fake != null) {
                fake.close();
            }
        }
    }

    @Test
    @Order(1)
    void eachWarChoosesTheJCacheOfItsOwnHazelcastMember() throws Exception {
        assertFalse(server.failed("hz-a.war") || server.failed("hz-b.war"), () -> "a WAR failed to deploy:\n"
                + grep(server.log(), "TrustCaptcha", "ERROR"));
        List<String> lines = server.log().lines().filter(line -> line.contains(JCACHE_LINE)).toList();
        assertEquals(2, lines.size(), () -> "not both WARs chose a JCache:\n" + grep(server.log(), "TrustCaptcha"));
        for (String line : lines) {
            // The member's provider (the client one, HazelcastClientCachingProvider, would look for a cluster to
            // connect to, and find none).
            assertTrue(line.contains("com.hazelcast.cache.impl.HazelcastServerCachingProvider"), line);
        }
        assertFalse(server.log().contains("TrustCaptcha replay protection: in memory"),
                () -> grep(server.log(), "TrustCaptcha"));
        awaitOneClusterOfTwo(Duration.ofSeconds(60));
    }

    @Test
    @Order(2)
    void aTokenAcceptedByOneWarIsAReplayToTheOther() {
        assertSharedGuard("/hz-a", "/hz-b");
    }

    @Test
    @Order(3)
    void andTheOtherWayRound() {
        assertSharedGuard("/hz-b", "/hz-a");
    }

    @Test
    @Order(4)
    void noLogLineHoldsAKeyOrAToken() {
        NoSecretsInTheLog.check(server.log());
    }

    // --- Helpers ------------------------------------------------------------------------------------------------

    private WebArchive jcacheWar(String name) throws IOException {
        Path jars = Path.of(ServerProcess.required("it.jcache.dir"));
        Path config = Path.of(ServerProcess.required("it.wildfly.dir"));
        WebArchive war = war(name, apiConfig(fake.url(), "trustcaptcha.filter.url-patterns", "/api/*"))
                .addClasses(EchoServlet.class)
                .addAsResource(config.resolve("hazelcast-loopback.xml").toFile(), "hazelcast.xml")
                .addAsWebInfResource(config.resolve("jboss-deployment-structure.xml").toFile(),
                        "jboss-deployment-structure.xml");
        List<Path> libs;
        try (Stream<Path> files = Files.list(jars)) {
            libs = files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
        assertTrue(libs.stream().anyMatch(file -> file.getFileName().toString().startsWith("hazelcast-"))
                && libs.stream().anyMatch(file -> file.getFileName().toString().startsWith("cache-api-")),
                "Hazelcast and the JCache API are not both in " + jars + ": " + libs);
        libs.forEach(file -> war.addAsLibraries(file.toFile()));
        return war;
    }

    private void assertSharedGuard(String first, String second) {
        UUID id = UUID.randomUUID();
        fake.answer(id, Answer.result(Results.human(id)));
        String token = Tokens.of(id);
        HttpResponse<String> accepted = http.post(first + "/api/echo", JSON, body(token));
        assertEquals(200, accepted.statusCode(), accepted.body());
        HttpResponse<String> replayed = http.post(second + "/api/echo", JSON, body(token));
        assertEquals(403, replayed.statusCode(), () -> second + " did not refuse the token " + first + " accepted: "
                + replayed.body());
        assertEquals("application/problem+json", replayed.headers().firstValue("Content-Type").orElse(null));
        JsonObject problem = Http.json(replayed);
        assertEquals("token-replayed", problem.getString("code"), replayed.body());
        assertEquals(1, fake.requestsFor(id).size(), "TrustCaptcha was asked once");
    }

    /**
     * Waits until each of the two members has logged a member list of two with itself in it: one cluster. (Members
     * that start at the same moment may each form a cluster first; hazelcast-loopback.xml merges them within
     * seconds.)
     */
    private void awaitOneClusterOfTwo(Duration deadline) throws IOException, InterruptedException {
        server.awaitLog("that the two Hazelcast members formed one cluster",
                log -> membersOfClustersOfTwo(log).size() >= 2, deadline);
    }

    /** The ports of the members that have logged a member list of two, which names each as {@code this}. */
    private static Set<String> membersOfClustersOfTwo(String log) {
        Set<String> ports = new HashSet<>();
        int at = log.indexOf("Members {size:2,");
        while (at >= 0) {
            int close = log.indexOf("\n]", at);
            Matcher self = THIS_MEMBER.matcher(log.substring(at, close < 0 ? log.length() : close));
            if (self.find()) {
                ports.add(self.group(1));
            }
            at = log.indexOf("Members {size:2,", at + 1);
        }
        return ports;
    }

    /** The first of {@code count} consecutive ports that are all free on 127.0.0.1 now. */
    private static int freePortRange(int count) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(20_000, 60_000);
            boolean free = true;
            for (int port = first; port < first + count && free; port++) {
                try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                    free = socket.isBound();
                } catch (IOException taken) {
                    free = false;
                }
            }
            if (free) {
                return first;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free ports on 127.0.0.1");
    }

    private static String body(String token) {
        return "{\"verificationToken\":\"" + token + "\"}";
    }

    private static String grep(String log, String... texts) {
        StringBuilder lines = new StringBuilder();
        log.lines().filter(line -> Stream.of(texts).anyMatch(line::contains))
                .forEach(line -> lines.append(line).append('\n'));
        return lines.toString();
    }
}
