package dev.captchagate.trustcaptcha.it.portable;

import java.nio.file.Path;

/**
 * The servers of the support matrix, as the build provides them: Payara Micro 6 from the test classpath's local
 * repository, Payara Micro 7 copied and WildFly and Open Liberty unpacked into {@code target/servers} by the
 * {@code pre-integration-test} phase (system properties {@code it.payara.jar}, {@code it.payara7.jar},
 * {@code it.wildfly.home}, {@code it.liberty.home}).
 */
final class Servers {

    private Servers() {
    }

    /** Payara Micro 6 on the JDK that runs the build. */
    static ServerProcess payara6() {
        return new PayaraMicroServer(System.getProperty("it.payara.version", "6"),
                Path.of(ServerProcess.required("it.payara.jar")), Path.of(System.getProperty("java.home")));
    }

    /** Payara Micro 7 on a JDK 21 or later, found at run time. */
    static ServerProcess payara7() {
        Path jdk = Jdks.atLeast(21).orElseThrow(() -> new IllegalStateException("Payara Micro 7 needs a JDK 21 or "
                + "later and none was found beside " + System.getProperty("java.home") + " or under /usr/lib/jvm: "
                + "install one, or name it with -Dit.jdk21.home=..."));
        return new PayaraMicroServer(System.getProperty("it.payara7.version", "7"),
                Path.of(ServerProcess.required("it.payara7.jar")), jdk);
    }
}
