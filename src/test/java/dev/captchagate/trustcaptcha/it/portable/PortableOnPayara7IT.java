package dev.captchagate.trustcaptcha.it.portable;

/** The portable suite on Payara Micro 7. */
class PortableOnPayara7IT extends PortableSuite {

    PortableOnPayara7IT() {
        super(Servers.payara7());
    }

    @Override
    String expectedReplayStore() {
        return "JCache";
    }
}
