package dev.captchagate.trustcaptcha.it.portable;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Open Liberty, unpacked from {@code io.openliberty:openliberty-runtime} (the caller reads its {@code wlp} directory
 * from the system property {@code it.liberty.home}). The install stays untouched: the server's definition lives
 * under {@link #work} ({@code WLP_USER_DIR=work/usr}, server {@code it}), created afresh on every start, with a
 * generated {@code server.xml}: the features listed by hand, one HTTP endpoint on {@code 127.0.0.1} and a free port,
 * no HTTPS port, and one {@code <webApplication>} per WAR (copied to {@code work/apps}, context root its file name
 * without {@code .war}). It runs as {@code bin/server run it} in the foreground, which {@code exec}s the JVM, so the
 * process is the server's JVM and SIGTERM stops it (Liberty's shutdown hook stops the server cleanly). It runs on the
 * test JVM's own JDK ({@code JAVA_HOME} = {@code java.home}). Its messages, the applications' {@code java.util.logging}
 * at INFO and above among them, go to {@code logs/messages.log}, which {@link #logFile()} returns; the console
 * output goes to {@code work/console.log}.
 */
public final class LibertyServer extends ServerProcess {

    /**
     * What the library needs, listed by hand: 10 features installed ({@code jndi-1.0} comes along), against 26 for
     * {@code webProfile-10.0} with the two MicroProfile features, which started about 10 s slower on a loaded
     * two-core machine (26 s against 36 s) and brings {@code ssl-1.0}. {@code restfulWSClient-3.1} and
     * {@code jsonp-2.1} come with {@code mpRestClient-3.0} and {@code jsonb-3.0} anyway; named for clarity.
     * {@code restfulWS-3.1} is for the suite's JAX-RS resources. {@code concurrent-3.0} gives
     * {@code java:comp/DefaultManagedThreadFactory}.
     */
    public static final List<String> FEATURES = List.of("servlet-6.0", "cdi-4.0", "jsonp-2.1", "jsonb-3.0",
            "restfulWS-3.1", "restfulWSClient-3.1", "mpConfig-3.0", "mpRestClient-3.0", "concurrent-3.0");

    /**
     * None: Liberty's defaults. Unlike Payara, {@code -Dhttp.maxConnections} changes nothing here: Liberty's REST client
     * is RESTEasy on Apache HttpClient 4 ({@code ManualClosingApacheHttpClient43Engine}, a pool of 50 connections per
     * route), not {@code HttpURLConnection}.
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of();

    private static final String SERVER = "it";

    private final Path wlp;
    private final List<String> features;
    private final List<String> jvmOptions;
    private final String extraConfig;
    private int port;
    private final List<String> apps = new ArrayList<>();

    /**
     * @param wlp the Liberty install, the {@code wlp} directory of the unpacked runtime
     */
    public LibertyServer(Path wlp) {
        this(wlp, FEATURES, DEFAULT_JVM_OPTIONS, "");
    }

    /**
     * @param wlp the Liberty install, the {@code wlp} directory of the unpacked runtime
     * @param features the features to enable
     * @param jvmOptions more JVM options, one per line of {@code jvm.options}
     * @param extraConfig more {@code server.xml} elements, inserted as they are
     */
    public LibertyServer(Path wlp, List<String> features, List<String> jvmOptions, String extraConfig) {
        super("liberty");
        this.wlp = wlp.toAbsolutePath();
        this.features = List.copyOf(features);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.extraConfig = extraConfig;
        if (!Files.isRegularFile(this.wlp.resolve("bin/server"))) {
            throw new IllegalStateException("not a Liberty install (no bin/server): " + this.wlp);
        }
    }

    @Override
    public String name() {
        try {
            Properties product = new Properties();
            product.load(new java.io.StringReader(Files.readString(
                    wlp.resolve("lib/versions/openliberty.properties"), StandardCharsets.ISO_8859_1)));
            return "Open Liberty " + product.getProperty("com.ibm.websphere.productVersion", "?");
        } catch (IOException e) {
            return "Open Liberty";
        }
    }

    @Override
    public void start(List<Path> wars) throws IOException, InterruptedException {
        clean();
        port = freePort();
        Path serverDir = work.resolve("usr/servers/" + SERVER);
        Path appDir = work.resolve("apps");
        Files.createDirectories(serverDir);
        Files.createDirectories(appDir);
        StringBuilder webApps = new StringBuilder();
        apps.clear();
        for (Path war : wars) {
            String file = war.getFileName().toString();
            String app = file.endsWith(".war") ? file.substring(0, file.length() - 4) : file;
            Path copy = appDir.resolve(file);
            Files.copy(war, copy, StandardCopyOption.REPLACE_EXISTING);
            apps.add(app);
            webApps.append("  <webApplication id=\"").append(app).append("\" name=\"").append(app)
                    .append("\" location=\"").append(xml(copy.toString())).append("\" contextRoot=\"/").append(app)
                    .append("\"/>\n");
        }
        Files.writeString(serverDir.resolve("server.xml"), serverXml(webApps.toString()), StandardCharsets.UTF_8);
        Files.write(serverDir.resolve("jvm.options"), jvmOptions, StandardCharsets.UTF_8);

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("WLP_USER_DIR", work.resolve("usr").toString());
        environment.put("WLP_OUTPUT_DIR", work.resolve("usr/servers").toString());
        // Keep whatever the caller's environment has for Liberty out of this server.
        environment.put("JVM_ARGS", "");
        launch(List.of(wlp.resolve("bin/server").toString(), "run", SERVER), environment, work,
                work.resolve("console.log"));

        awaitLog("the server is ready (CWWKF0011I) and every application started or failed",
                log -> log.contains("CWWKF0011I") && apps.stream().allMatch(app -> finished(log, app)),
                START_DEADLINE);
    }

    /**
     * Whether the log says the application started ({@code CWWKZ0001I: Application NAME started in ...}), or failed
     * to ({@code CWWKZ0002E: An exception occurred while starting the application NAME. ...}, and the other CWWKZ
     * errors that name it).
     */
    private static boolean finished(String log, String app) {
        String name = Pattern.quote(app);
        return Pattern.compile("CWWKZ0001I: Application " + name + " started").matcher(log).find()
                || Pattern.compile("CWWKZ\\d{4}E: [^\\n]*\\b[Aa]pplication " + name + "(?![\\w-])").matcher(log).find();
    }

    /**
     * @param app an application's name (its WAR's file name without {@code .war})
     * @return whether Liberty reported it started
     */
    public boolean started(String app) {
        return Pattern.compile("CWWKZ0001I: Application " + Pattern.quote(app) + " started").matcher(log()).find();
    }

    private String serverXml(String webApps) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<server description=\"trustcaptcha portable IT\">\n  <featureManager>\n");
        features.forEach(feature -> xml.append("    <feature>").append(feature).append("</feature>\n"));
        return xml.append("  </featureManager>\n")
                .append("  <httpEndpoint id=\"defaultHttpEndpoint\" host=\"127.0.0.1\" httpPort=\"").append(port)
                .append("\" httpsPort=\"-1\"/>\n")
                // Applications start before the server reports ready, however long they take on a busy machine.
                .append("  <applicationManager autoExpand=\"true\" startTimeout=\"").append(START_DEADLINE.toSeconds())
                .append("s\"/>\n")
                .append("  <applicationMonitor updateTrigger=\"disabled\" dropinsEnabled=\"false\"/>\n")
                // INFO and above of every logger (the library's java.util.logging among them) into messages.log,
                // and on the console.
                .append("  <logging consoleLogLevel=\"INFO\" traceSpecification=\"*=info\" maxFiles=\"1\" ")
                .append("maxFileSize=\"0\"/>\n")
                .append(extraConfig).append(webApps).append("</server>\n").toString();
    }

    @Override
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    @Override
    protected Path logFile() {
        return work.resolve("usr/servers/" + SERVER + "/logs/messages.log");
    }

    /** @return the server's directory ({@code server.xml}, {@code jvm.options}, {@code logs}) */
    public Path serverDir() {
        return work.resolve("usr/servers/" + SERVER);
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }
}
