package dev.captchagate.trustcaptcha.it.portable;

/** The login's CAPTCHA on Payara Micro 7 (Soteria 4, Jakarta Security 4.0), with its defaults. */
class LoginOnPayara7IT extends LoginSuite {

    LoginOnPayara7IT() {
        super(Servers.payara7());
    }
}
