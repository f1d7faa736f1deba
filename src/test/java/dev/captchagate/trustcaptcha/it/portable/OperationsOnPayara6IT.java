package dev.captchagate.trustcaptcha.it.portable;

/** Health and metrics on Payara Micro 6, with its defaults. */
class OperationsOnPayara6IT extends OperationsOnMicroProfileMetrics {

    OperationsOnPayara6IT() {
        super(Servers.payara6());
    }

    @Override
    String expectedReplayStore() {
        return "jcache:trustcaptcha-replay";
    }
}
