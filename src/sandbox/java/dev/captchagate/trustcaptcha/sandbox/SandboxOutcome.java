package dev.captchagate.trustcaptcha.sandbox;

import java.util.Optional;
import java.util.UUID;

/**
 * What the sandbox's result API answers for a verification, chosen by the site key the widget was given: put
 * {@code sitekey="<siteKey()>"} on the widget, or mint a token directly with
 * {@link TrustCaptchaSandbox#token(SandboxOutcome)}. Sandbox only: the real TrustCaptcha decides this itself.
 *
 * <p>With the library's default policy (passed and a score of at most 0.5) {@link #HUMAN} and
 * {@link #GATEWAY_FAILOVER} are accepted, and every other outcome is refused with the code in
 * {@link #libraryCode()}.
 */
public enum SandboxOutcome {

    /** 200: passed, score 0.1. */
    HUMAN(1, "human", "accepted"),
    /** 200: passed, but score 0.9. */
    BOT(2, "bot", "score-too-high"),
    /** 200: not passed, score 1.0. */
    FAILED(3, "failed verification", "verification-failed"),
    /** 200: passed, score 0, TrustCaptcha answered from its gateway failover ({@code gatewayFailoverActive}). */
    GATEWAY_FAILOVER(4, "gateway failover", "accepted"),
    /** 410: the result can no longer be fetched. */
    EXPIRED(5, "expired", "verification-expired"),
    /** 423: the verification is not finished. */
    NOT_FINISHED(6, "not yet finished", "verification-not-finished");

    private final UUID siteKey;
    private final String label;
    private final String libraryCode;

    SandboxOutcome(int number, String label, String libraryCode) {
        this.siteKey = UUID.fromString(String.format("5a4db0c5-0000-4000-8000-%012d", number));
        this.label = label;
        this.libraryCode = libraryCode;
    }

    /**
     * The site key that selects this outcome.
     *
     * @return a UUID string, e.g. {@code 5a4db0c5-0000-4000-8000-000000000001} for {@link #HUMAN}
     */
    public String siteKey() {
        return siteKey.toString();
    }

    /**
     * A short label for people.
     *
     * @return e.g. {@code human}
     */
    public String label() {
        return label;
    }

    /**
     * The decision code of the library's filter for a token with this outcome, with the default policy.
     *
     * @return {@code accepted}, or the problem code of the refusal
     */
    public String libraryCode() {
        return libraryCode;
    }

    /**
     * The outcome a site key selects.
     *
     * @param siteKey a site key, in any letter case
     * @return the outcome, or empty for a site key the sandbox does not know
     */
    public static Optional<SandboxOutcome> forSiteKey(String siteKey) {
        if (siteKey != null) {
            for (SandboxOutcome outcome : values()) {
                if (outcome.siteKey().equalsIgnoreCase(siteKey.strip())) {
                    return Optional.of(outcome);
                }
            }
        }
        return Optional.empty();
    }
}
