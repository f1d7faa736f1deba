package dev.captchagate.trustcaptcha.it.portable;

/**
 * The login's CAPTCHA on WildFly (Soteria 3 in its ee-security subsystem). An application's own identity store is
 * used only where the application security domain does not integrate JASPI with Elytron ({@code integrated-jaspi},
 * true by default, expects every identity in the Elytron domain): WildFly's documented setting for Jakarta Security
 * with CDI identity stores, as a user sets it.
 */
class LoginOnWildFlyIT extends LoginSuite {

    LoginOnWildFlyIT() {
        super(WildFlyServer.fromSystemProperty().configure(
                "<application-security-domain name=\"other\" security-domain=\"ApplicationDomain\"/>",
                "<application-security-domain name=\"other\" security-domain=\"ApplicationDomain\" "
                        + "integrated-jaspi=\"false\"/>"));
    }
}
