package dev.captchagate.trustcaptcha.it.portable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The login's CAPTCHA on Open Liberty, its own Jakarta Security 3.0 ({@code appSecurity-5.0}) added. */
class LoginOnLibertyIT extends LoginSuite {

    LoginOnLibertyIT() {
        super(new LibertyServer(Path.of(ServerProcess.required("it.liberty.home")), features(),
                LibertyServer.DEFAULT_JVM_OPTIONS, ""));
    }

    private static List<String> features() {
        List<String> features = new ArrayList<>(LibertyServer.FEATURES);
        features.add("appSecurity-5.0");
        return features;
    }
}
