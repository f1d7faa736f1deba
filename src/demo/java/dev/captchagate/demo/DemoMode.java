package dev.captchagate.demo;

import dev.captchagate.trustcaptcha.sandbox.SandboxOutcome;
import java.util.Locale;
import java.util.Optional;

/**
 * Which TrustCaptcha the demo talks to, read once from environment variables (or {@code -D} system properties):
 * the sandbox this WAR serves at {@value #SANDBOX_PATH}, unless {@code TRUSTCAPTCHA_API_KEY} is set, in which case
 * the real TrustCaptcha with the site key {@code DEMO_SITE_KEY}.
 *
 * <p>The demo's own settings use the prefix {@code demo.} ({@code DEMO_} as environment variables); the library's
 * settings keep theirs ({@code trustcaptcha.}).
 */
public final class DemoMode {

    /** Where this WAR serves the sandbox; the same origin as the page, so the widget needs no CORS. */
    public static final String SANDBOX_PATH = "/sandbox";

    private static final DemoMode CURRENT = read();

    private final boolean sandbox;
    private final String siteKey;
    private final int port;

    private DemoMode(boolean sandbox, String siteKey, int port) {
        this.sandbox = sandbox;
        this.siteKey = siteKey;
        this.port = port;
    }

    /** The mode of this run. */
    public static DemoMode current() {
        return CURRENT;
    }

    /** Whether the demo runs against its built-in sandbox (no TrustCaptcha account, no network). */
    public boolean sandbox() {
        return sandbox;
    }

    /** The real site key ({@code DEMO_SITE_KEY}), when one is set. */
    public Optional<String> siteKey() {
        return Optional.ofNullable(siteKey);
    }

    /** The HTTP port of Payara Micro ({@code DEMO_PORT}, default 8080); the library reaches the sandbox there. */
    public int port() {
        return port;
    }

    /** The URL the library fetches results from in sandbox mode. */
    public String sandboxApiUrl() {
        return "http://127.0.0.1:" + port + SANDBOX_PATH;
    }

    /** The site key the widget gets for a sandbox outcome, or the real one. */
    public String widgetSiteKey(SandboxOutcome outcome) {
        return sandbox ? outcome.siteKey() : siteKey;
    }

    /** A sandbox outcome from its name in a query ({@code ?outcome=bot}), human when absent or unknown. */
    public static SandboxOutcome outcome(String name) {
        if (name != null) {
            for (SandboxOutcome outcome : SandboxOutcome.values()) {
                if (outcome.name().equalsIgnoreCase(name.strip().replace('-', '_'))) {
                    return outcome;
                }
            }
        }
        return SandboxOutcome.HUMAN;
    }

    /** The name of an outcome in a query. */
    public static String name(SandboxOutcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static DemoMode read() {
        String apiKey = setting("trustcaptcha.api-key", "TRUSTCAPTCHA_API_KEY");
        String siteKey = setting("demo.site-key", "DEMO_SITE_KEY");
        String port = setting("demo.port", "DEMO_PORT");
        int number = 8080;
        if (port != null) {
            try {
                number = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("DEMO_PORT must be a port number, was " + port, e);
            }
        }
        return new DemoMode(apiKey == null, siteKey, number);
    }

    private static String setting(String property, String variable) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
        }
        return value == null || value.isBlank() ? null : value.strip();
    }
}
