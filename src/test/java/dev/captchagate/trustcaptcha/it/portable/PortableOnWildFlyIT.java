package dev.captchagate.trustcaptcha.it.portable;

import java.nio.file.Path;

/** The portable suite on WildFly, unpacked by the build, with {@code standalone-microprofile.xml} and its defaults. */
class PortableOnWildFlyIT extends PortableSuite {

    PortableOnWildFlyIT() {
        super(new WildFlyServer(Path.of(ServerProcess.required("it.wildfly.home"))));
    }

    @Override
    String expectedReplayStore() {
        return "in memory";
    }

    @Override
    String serverInfoNames() {
        return "WildFly";
    }

    @Override
    int expectedUpperBound(int cores) {
        return 12 * cores;
    }

    @Override
    boolean failsDeploymentWhenAFilterCannotStart() {
        return true;
    }

    @Override
    String expectedMetrics() {
        return "MicroProfile Telemetry (an OpenTelemetry Meter, scope dev.captchagate.trustcaptcha); nothing is "
                + "exported while otel.sdk.disabled is not false (MicroProfile Telemetry's default)";
    }
}
