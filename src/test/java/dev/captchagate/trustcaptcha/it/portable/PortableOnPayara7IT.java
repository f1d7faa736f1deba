package dev.captchagate.trustcaptcha.it.portable;

/** The portable suite on Payara Micro 7, on a JDK 21 or later found at run time. */
class PortableOnPayara7IT extends PortableOnPayara {

    PortableOnPayara7IT() {
        super(Servers.payara7());
    }
}
