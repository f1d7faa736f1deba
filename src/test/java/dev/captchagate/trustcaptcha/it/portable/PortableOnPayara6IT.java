package dev.captchagate.trustcaptcha.it.portable;

/** The portable suite on Payara Micro 6. */
class PortableOnPayara6IT extends PortableOnPayara {

    PortableOnPayara6IT() {
        super(Servers.payara6());
    }
}
