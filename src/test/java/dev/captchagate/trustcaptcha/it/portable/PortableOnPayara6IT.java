package dev.captchagate.trustcaptcha.it.portable;

/** The portable suite on Payara Micro 6. */
class PortableOnPayara6IT extends PortableSuite {

    PortableOnPayara6IT() {
        super(Servers.payara6());
    }

    @Override
    String expectedReplayStore() {
        return "JCache";
    }
}
