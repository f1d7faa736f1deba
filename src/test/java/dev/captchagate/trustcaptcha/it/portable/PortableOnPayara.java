package dev.captchagate.trustcaptcha.it.portable;

import dev.captchagate.trustcaptcha.internal.client.RequestThreads;

/**
 * The portable suite on a Payara Micro: what Payara itself brings, the same on 6 and 7 (its Hazelcast's JCache, 200
 * HTTP threads, a servlet context that CDI does not have yet when the library's client starts).
 */
abstract class PortableOnPayara extends PortableSuite {

    PortableOnPayara(ServerProcess server) {
        super(server);
    }

    @Override
    String expectedReplayStore() {
        return "JCache";
    }

    @Override
    String serverInfoNames() {
        // Named once the filter starts (the client's own start-up line cannot: Weld has no servlet context yet).
        return "Payara Micro";
    }

    @Override
    int expectedUpperBound(int cores) {
        return RequestThreads.PAYARA_THREADS * 3 / 4; // known once the filter starts: Weld has no servlet context before
    }

    @Override
    boolean failsDeploymentWhenAFilterCannotStart() {
        return true;
    }

    @Override
    String expectedMetrics() {
        return "MicroProfile Metrics (the application's registry)";
    }
}
