package dev.captchagate.trustcaptcha.it.portable;

import dev.captchagate.trustcaptcha.internal.client.RequestThreads;

/** The portable suite on Payara Micro 7. */
class PortableOnPayara7IT extends PortableSuite {

    PortableOnPayara7IT() {
        super(Servers.payara7());
    }

    @Override
    String expectedReplayStore() {
        return "JCache";
    }

    @Override
    String serverInfoNames() {
        return "a server not identified at start-up";
    }

    @Override
    int expectedMaxConcurrent(int cores) {
        return RequestThreads.DEFAULT;
    }

    @Override
    boolean failsDeploymentWhenAFilterCannotStart() {
        return true;
    }
}
