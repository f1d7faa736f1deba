package dev.captchagate.trustcaptcha.it.portable;

/** The login's CAPTCHA on Payara Micro 6 (Soteria 3, Jakarta Security 3.0), with its defaults. */
class LoginOnPayara6IT extends LoginSuite {

    LoginOnPayara6IT() {
        super(Servers.payara6());
    }
}
