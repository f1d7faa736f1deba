package dev.captchagate.trustcaptcha.it.portable;

import java.nio.file.Path;

/** The portable suite on Open Liberty, unpacked by the build, with the features the library needs and its defaults. */
class PortableOnLibertyIT extends PortableSuite {

    PortableOnLibertyIT() {
        super(new LibertyServer(Path.of(ServerProcess.required("it.liberty.home"))));
    }

    @Override
    String expectedReplayStore() {
        return "in memory";
    }

    @Override
    String serverInfoNames() {
        return "Liberty";
    }

    @Override
    int expectedUpperBound(int cores) {
        return Math.max(2, cores);
    }

    @Override
    boolean failsDeploymentWhenAFilterCannotStart() {
        return false;
    }

    @Override
    String expectedMetrics() {
        return "none";
    }
}
