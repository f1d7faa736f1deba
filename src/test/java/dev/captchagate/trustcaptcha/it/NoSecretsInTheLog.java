package dev.captchagate.trustcaptcha.it;

import static org.junit.jupiter.api.Assertions.fail;

import dev.captchagate.trustcaptcha.sandbox.TrustCaptchaSandbox;
import dev.captchagate.trustcaptcha.testing.FakeTrustCaptchaApi;
import dev.captchagate.trustcaptcha.testing.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After each IT class: no line a test server printed so far in this test run (this class's and every earlier
 * class's) contains an API key (the fake API's or the sandbox's) or any token a test sent. Registered after
 * Arquillian ({@link ServerIT}), so it runs while the server is up.
 */
public final class NoSecretsInTheLog implements AfterAllCallback {

    /** Runs of Base64 characters long enough to hold a token. */
    private static final Pattern BASE64_RUN = Pattern.compile("[A-Za-z0-9+/=]{40,}");

    @Override
    public void afterAll(ExtensionContext context) {
        check(ServerLog.text());
    }

    /**
     * Fails when a log holds an API key of the fakes or the sandbox, or a token a test sent, or when it is empty.
     *
     * @param log a server's log
     */
    public static void check(String log) {
        List<String> found = new ArrayList<>();
        for (String key : List.of(FakeTrustCaptchaApi.API_KEY, TrustCaptchaSandbox.API_KEY)) {
            if (log.contains(key) || log.contains(key.substring(3))) {
                found.add("the API key " + key.substring(0, 6) + "...");
            }
        }
        Set<String> tokens = Tokens.issued();
        Matcher runs = BASE64_RUN.matcher(log);
        while (runs.find()) {
            String run = runs.group();
            for (String token : tokens) {
                if (token.length() >= 40 && run.contains(token)) {
                    found.add("a token (" + token.substring(0, 12) + "...)");
                }
            }
        }
        if (!found.isEmpty()) {
            fail("secrets in the server log: " + found);
        }
        if (log.isEmpty()) {
            fail("nothing of the server's log was captured: the check would prove nothing");
        }
    }
}
