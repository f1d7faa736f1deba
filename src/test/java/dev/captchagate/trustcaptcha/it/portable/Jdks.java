package dev.captchagate.trustcaptcha.it.portable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Finds a JDK of at least a given feature version at run time (Payara 7 needs 21 or later; the build and the library
 * stay on 17): the system property {@code it.jdk21.home} when set, else the JDKs beside the running one and under
 * the usual installation directories, read from their {@code release} files. Never a path written into the project.
 */
final class Jdks {

    private Jdks() {
    }

    /**
     * @param feature the lowest feature version, 21 say
     * @return the home of the newest JDK found with at least that version, or empty
     */
    static Optional<Path> atLeast(int feature) {
        String configured = System.getProperty("it.jdk21.home", "");
        if (!configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(home -> version(home) >= feature);
        }
        List<Path> places = new ArrayList<>();
        Path running = Path.of(System.getProperty("java.home"));
        if (running.getParent() != null) {
            places.add(running.getParent());
        }
        places.add(Path.of("/usr/lib/jvm"));
        places.add(Path.of("/usr/java"));
        places.add(Path.of("/opt/java"));
        places.add(Path.of(System.getProperty("user.home"), ".sdkman", "candidates", "java"));
        return places.stream().filter(Files::isDirectory).flatMap(Jdks::children).distinct()
                .filter(home -> Files.isExecutable(home.resolve("bin").resolve("java")))
                .filter(home -> version(home) >= feature)
                .max(Comparator.comparingInt(Jdks::version));
    }

    private static Stream<Path> children(Path directory) {
        try (Stream<Path> list = Files.list(directory)) {
            return list.map(Jdks::real).toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path;
        }
    }

    /** The feature version in a JDK's {@code release} file, or 0. */
    static int version(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) {
            return 0;
        }
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(release)) {
            properties.load(in);
        } catch (IOException e) {
            return 0;
        }
        String version = properties.getProperty("JAVA_VERSION", "").replace("\"", "");
        String feature = version.split("[.+-]")[0];
        try {
            return Integer.parseInt(feature.startsWith("1") && version.startsWith("1.") ? version.split("\\.")[1]
                    : feature);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
