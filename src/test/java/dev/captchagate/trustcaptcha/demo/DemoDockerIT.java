package dev.captchagate.trustcaptcha.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine runs here, so this checks {@code docker/Dockerfile} against what it depends on: every file it
 * copies is one the build produced (or a source file), and its Payara Micro command line is the one the
 * {@code demo} script runs, option for option, with paths mapped through the {@code COPY} lines. The only allowed
 * difference is the preboot file, which must differ from the script's in the listener address alone.
 */
class DemoDockerIT {

    private static final Path BASEDIR = DemoProcess.basedir();

    @Test
    void theDockerfileCopiesWhatTheBuildProduces() throws IOException {
        Path war = Path.of(System.getProperty("demo.war", "target/demo/trustcaptcha-demo.war"));
        assumeTrue(Files.isRegularFile(war), "the demo WAR was not built (-Ddemo.skip?): " + war);
        Dockerfile docker = Dockerfile.read(BASEDIR.resolve("docker/Dockerfile"));

        assertEquals("payara/micro:" + System.getProperty("demo.payara.version") + "-jdk17", docker.single("FROM"),
                "the official Payara Micro image of the version the build tests with");
        Map<String, String> copies = docker.copies();
        assertEquals(3, copies.size(), copies.toString());
        for (String source : copies.keySet()) {
            assertTrue(Files.isRegularFile(BASEDIR.resolve(source)), "COPY source missing: " + source);
        }
        String built = BASEDIR.toAbsolutePath().relativize(war.toAbsolutePath()).toString();
        assertEquals("/opt/payara/deployments/trustcaptcha-demo.war", copies.get(built),
                "the Dockerfile copies the WAR the build produces, " + built + ": " + copies);

        String user = docker.single("USER");
        assertFalse(user.equals("root") || user.equals("0") || user.startsWith("0:"), "non-root: " + user);
        String health = docker.single("HEALTHCHECK");
        // The same answer DemoBrowserIT reads from the running demo's /health/ready.
        assertTrue(health.contains("/dev/tcp/127.0.0.1/8080") && health.contains("GET /health/ready ")
                && health.contains("grep -q '\\\"name\\\":\\\"trustcaptcha\\\",\\\"status\\\":\\\"UP\\\"'"), health);
        assertEquals("8080", docker.single("EXPOSE"));
    }

    @Test
    void theDockerfileRunsTheDemoScriptsCommandLine() throws IOException {
        Dockerfile docker = Dockerfile.read(BASEDIR.resolve("docker/Dockerfile"));
        List<String> entrypoint = docker.entrypoint();
        Script script = Script.read(BASEDIR.resolve("demo"));

        // JVM options: the same, but for the temporary directory's place.
        int jar = entrypoint.indexOf("-jar");
        assertEquals("java", entrypoint.get(0));
        assertEquals(options(script.jvmOptions()), options(entrypoint.subList(1, jar)));
        assertEquals("/opt/payara/payara-micro.jar", entrypoint.get(jar + 1), "the image's Payara Micro");

        // Payara Micro options: the same options; a path is the file the Dockerfile copied from the script's path.
        Map<String, String> scriptOptions = payaraOptions(script.payaraOptions());
        Map<String, String> dockerOptions = payaraOptions(entrypoint.subList(jar + 2, entrypoint.size()));
        assertEquals(scriptOptions.keySet(), dockerOptions.keySet());
        Map<String, String> copies = docker.copies();
        for (Map.Entry<String, String> option : scriptOptions.entrySet()) {
            String name = option.getKey();
            String value = option.getValue().replace("$war", "target/demo/trustcaptcha-demo.war")
                    .replace("$port", "8080");
            String inDocker = dockerOptions.get(name);
            if (name.equals("--prebootcommandfile")) {
                assertEquals("src/demo/payara/preboot-loopback.asadmin", value);
                assertEquals(copies.get("docker/preboot-container.asadmin"), inDocker);
                assertEquals(Files.readString(BASEDIR.resolve(value)).replace("=127.0.0.1", "=0.0.0.0"),
                        Files.readString(BASEDIR.resolve("docker/preboot-container.asadmin")),
                        "the container's preboot file differs in the listener address only");
            } else if (copies.containsKey(value)) {
                assertEquals(copies.get(value), inDocker, name + ": the copied file");
            } else {
                assertEquals(value, inDocker, name);
            }
        }
        assertEquals("8080", dockerOptions.get("--port"));
        assertTrue(dockerOptions.containsKey("--disablephonehome"));
        assertEquals("/", dockerOptions.get("--contextroot"));
        assertTrue(Files.readString(BASEDIR.resolve(scriptOptions.get("--hzconfigfile")))
                .contains("<interface>127.0.0.1</interface>"));
    }

    @Test
    void composeBuildsThisDockerfileAndPublishesOnLoopback() throws IOException {
        String compose = Files.readString(BASEDIR.resolve("docker/compose.yaml"));
        assertTrue(compose.contains("context: ..") && compose.contains("dockerfile: docker/Dockerfile"), compose);
        assertTrue(compose.contains("- \"127.0.0.1:8080:8080\""), compose);
        assertTrue(compose.contains("- TRUSTCAPTCHA_API_KEY\n") && compose.contains("- DEMO_SITE_KEY\n"),
                "passed on only when set: " + compose);
    }

    /** JVM options by name ({@code -Dname}, {@code -Xmx}); the temporary directory's value is left out. */
    private static Map<String, String> options(List<String> options) {
        Map<String, String> byName = new TreeMap<>();
        for (String option : options) {
            int equals = option.indexOf('=');
            String name = option.startsWith("-Xmx") ? "-Xmx" : equals < 0 ? option : option.substring(0, equals);
            String value = option.substring(name.length());
            byName.put(name, name.equals("-Djava.io.tmpdir") ? "(a directory)" : value);
        }
        return byName;
    }

    /** Payara Micro options: {@code --name value} or a flag {@code --name}. */
    private static Map<String, String> payaraOptions(List<String> arguments) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < arguments.size(); i++) {
            String name = arguments.get(i);
            assertTrue(name.startsWith("--"), "an option: " + name + " in " + arguments);
            boolean flag = i + 1 >= arguments.size() || arguments.get(i + 1).startsWith("--");
            options.put(name, flag ? "" : arguments.get(++i));
        }
        return options;
    }

    /** The instructions of a Dockerfile (continuation lines joined, comments left out). */
    private record Dockerfile(List<String[]> instructions) {

        static Dockerfile read(Path file) throws IOException {
            List<String[]> instructions = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String line : Files.readAllLines(file)) {
                if (line.strip().startsWith("#") || (current.length() == 0 && line.isBlank())) {
                    continue;
                }
                if (line.endsWith("\\")) {
                    current.append(line, 0, line.length() - 1).append(' ');
                    continue;
                }
                current.append(line);
                String text = current.toString().strip();
                current.setLength(0);
                int space = text.indexOf(' ');
                instructions.add(new String[] {text.substring(0, space), text.substring(space + 1).strip()});
            }
            return new Dockerfile(instructions);
        }

        List<String> all(String keyword) {
            List<String> values = new ArrayList<>();
            for (String[] instruction : instructions) {
                if (instruction[0].equals(keyword)) {
                    values.add(instruction[1]);
                }
            }
            return values;
        }

        String single(String keyword) {
            List<String> values = all(keyword);
            assertEquals(1, values.size(), keyword + ": " + values);
            return values.get(0);
        }

        /** COPY source to destination. */
        Map<String, String> copies() {
            Map<String, String> copies = new LinkedHashMap<>();
            for (String copy : all("COPY")) {
                List<String> words = new ArrayList<>(List.of(copy.split("\\s+")));
                words.removeIf(word -> word.startsWith("--"));
                assertEquals(2, words.size(), "one source, one destination: " + copy);
                copies.put(words.get(0), words.get(1));
            }
            return copies;
        }

        /** The exec-form ENTRYPOINT followed by the CMD, if any. */
        List<String> entrypoint() {
            List<String> command = new ArrayList<>(array(single("ENTRYPOINT")));
            for (String cmd : all("CMD")) {
                command.addAll(array(cmd));
            }
            return command;
        }

        private static List<String> array(String json) {
            try (JsonReader reader = Json.createReader(new StringReader(json))) {
                JsonArray array = reader.readArray();
                List<String> words = new ArrayList<>();
                array.getValuesAs(JsonString.class).forEach(word -> words.add(word.getString()));
                return words;
            }
        }
    }

    /** The {@code demo} script's {@code jvm_options} and {@code payara_options} arrays and its {@code exec} line. */
    private record Script(List<String> jvmOptions, List<String> payaraOptions) {

        private static final Pattern WORD = Pattern.compile("\"([^\"]*)\"|'([^']*)'|([^\\s\"']+)");

        static Script read(Path file) throws IOException {
            String text = Files.readString(file);
            assertTrue(text.contains("\nexec java \"${jvm_options[@]}\" -jar \"$payara\" \"${payara_options[@]}\"\n"),
                    "the script runs exactly its two option arrays");
            return new Script(array(text, "jvm_options"), array(text, "payara_options"));
        }

        private static List<String> array(String text, String name) {
            Matcher block = Pattern.compile("\n" + name + "=\\(\n(.*?)\n\\)\n", Pattern.DOTALL).matcher(text);
            assertTrue(block.find(), name + " missing");
            List<String> words = new ArrayList<>();
            for (String line : block.group(1).split("\n")) {
                StringBuilder word = new StringBuilder();
                Matcher part = WORD.matcher(line.strip());
                int end = 0;
                while (part.find()) {
                    if (part.start() > end && word.length() > 0) {
                        words.add(word.toString());
                        word.setLength(0);
                    }
                    word.append(part.group(1) != null ? part.group(1)
                            : part.group(2) != null ? part.group(2) : part.group(3));
                    end = part.end();
                }
                if (word.length() > 0) {
                    words.add(word.toString());
                }
            }
            return words;
        }
    }
}
