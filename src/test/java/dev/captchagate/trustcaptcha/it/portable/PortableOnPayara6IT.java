package dev.captchagate.trustcaptcha.it.portable;

import dev.captchagate.trustcaptcha.internal.client.RequestThreads;

/** The portable suite on Payara Micro 6. */
class PortableOnPayara6IT extends PortableSuite {

    PortableOnPayara6IT() {
        super(Servers.payara6());
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
