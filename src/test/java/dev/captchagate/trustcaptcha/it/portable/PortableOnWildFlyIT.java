package dev.captchagate.trustcaptcha.it.portable;

import dev.captchagate.trustcaptcha.internal.client.RequestThreads;
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
    int expectedMaxConcurrent(int cores) {
        return Math.min(RequestThreads.DEFAULT, 8 * cores);
    }

    @Override
    boolean failsDeploymentWhenAFilterCannotStart() {
        return true;
    }
}
