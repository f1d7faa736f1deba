package dev.captchagate.trustcaptcha.internal.filter;

import dev.captchagate.trustcaptcha.Outcome;

/**
 * The details that depend on a filter instance's settings: where to send the token instead. Every other title and
 * detail is the {@link Outcome}'s own.
 */
final class Problems {

    /** The base of the problem type URIs: a tag URI (RFC 4151), one per code. */
    static final String TYPE_BASE = "tag:captchagate.dev,2026:trustcaptcha/";

    /** Extra advice for the detail. */
    enum Hint {
        NONE,
        /** A multipart form that the container cannot parse for the filter. */
        MULTIPART_NOT_CONFIGURED
    }

    private Problems() {
    }

    static String type(Outcome outcome) {
        return TYPE_BASE + outcome.code();
    }

    static String detail(Outcome outcome, Hint hint, FilterSettings settings) {
        return switch (outcome) {
            case BODY_TOO_LARGE -> "The request body is larger than the " + settings.maxBodyBytes() + " bytes the "
                    + "CAPTCHA check reads. Send the token in the " + settings.tokenHeader() + " header: the body is "
                    + "then not read.";
            case TOKEN_MISSING -> hint == Hint.MULTIPART_NOT_CONFIGURED
                    ? "This multipart form cannot be read for the CAPTCHA token. Send the token in the "
                            + settings.tokenHeader() + " header."
                    : outcome.detail() + " Send it in the " + settings.tokenHeader() + " header, as "
                            + settings.jsonPointer() + " in a JSON body, or as the form field " + settings.formParam()
                            + ".";
            default -> outcome.detail();
        };
    }
}
