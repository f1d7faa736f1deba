package dev.captchagate.trustcaptcha.internal.filter;

import dev.captchagate.trustcaptcha.Outcome;

/**
 * The text of every problem response, in one place. Titles are short and stable; details tell the client what to
 * do, name no secret, and never echo what the client sent.
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

    static String title(Outcome outcome) {
        switch (outcome) {
            case BODY_TOO_LARGE:
                return "Request body too large";
            case TOKEN_MISSING:
                return "CAPTCHA token missing";
            case TOKEN_INVALID:
                return "CAPTCHA token invalid";
            case TOKEN_REPLAYED:
                return "CAPTCHA token already used";
            case VERIFICATION_NOT_FOUND:
                return "CAPTCHA verification not found";
            case VERIFICATION_EXPIRED:
                return "CAPTCHA verification expired";
            case VERIFICATION_NOT_FINISHED:
                return "CAPTCHA verification not finished";
            case RETRIEVAL_LIMIT_REACHED:
                return "CAPTCHA token already used";
            case FAILOVER_REJECTED:
                return "CAPTCHA failover rejected";
            case VERIFICATION_FAILED:
                return "CAPTCHA verification failed";
            case SCORE_TOO_HIGH:
                return "CAPTCHA score too high";
            case ORIGIN_NOT_ALLOWED:
                return "CAPTCHA solved on another site";
            case GATEWAY_FAILOVER_REJECTED:
                return "CAPTCHA verified in failover";
            case VERIFICATION_UNAVAILABLE:
                return "CAPTCHA verification unavailable";
            default:
                throw new IllegalArgumentException(outcome + " is not a refusal");
        }
    }

    static String detail(Outcome outcome, Hint hint, FilterSettings settings) {
        switch (outcome) {
            case BODY_TOO_LARGE:
                return "The request body is larger than the " + settings.maxBodyBytes() + " bytes the CAPTCHA check "
                        + "reads. Send the token in the " + settings.tokenHeader() + " header: the body is then not "
                        + "read.";
            case TOKEN_MISSING:
                if (hint == Hint.MULTIPART_NOT_CONFIGURED) {
                    return "This multipart form cannot be read for the CAPTCHA token. Send the token in the "
                            + settings.tokenHeader() + " header.";
                }
                return "No CAPTCHA token was found. Send it in the " + settings.tokenHeader() + " header, as "
                        + settings.jsonPointer() + " in a JSON body, or as the form field " + settings.formParam()
                        + ".";
            case TOKEN_INVALID:
                return "The CAPTCHA token is not valid. Solve the CAPTCHA again.";
            case TOKEN_REPLAYED:
                return "This CAPTCHA token was already used. Solve the CAPTCHA again.";
            case VERIFICATION_NOT_FOUND:
                return "No CAPTCHA verification belongs to this token. Solve the CAPTCHA again.";
            case VERIFICATION_EXPIRED:
                return "The CAPTCHA verification has expired. Solve the CAPTCHA again.";
            case VERIFICATION_NOT_FINISHED:
                return "The CAPTCHA is not finished yet. Finish it, then send the request again.";
            case RETRIEVAL_LIMIT_REACHED:
                return "This CAPTCHA token was already used. Solve the CAPTCHA again.";
            case FAILOVER_REJECTED:
                return "The token says the CAPTCHA service was unreachable, which the service did not confirm. "
                        + "Solve the CAPTCHA again.";
            case VERIFICATION_FAILED:
                return "The CAPTCHA verification was not passed. Solve the CAPTCHA again.";
            case SCORE_TOO_HIGH:
                return "The CAPTCHA verification does not meet this endpoint's requirements. Solve the CAPTCHA "
                        + "again.";
            case ORIGIN_NOT_ALLOWED:
                return "The CAPTCHA was not solved on a site this endpoint accepts. Solve the CAPTCHA on this site.";
            case GATEWAY_FAILOVER_REJECTED:
                return "The CAPTCHA service is in failover, which this endpoint does not accept. Try again later.";
            case VERIFICATION_UNAVAILABLE:
                return "The CAPTCHA could not be verified right now. Try again later.";
            default:
                throw new IllegalArgumentException(outcome + " is not a refusal");
        }
    }
}
