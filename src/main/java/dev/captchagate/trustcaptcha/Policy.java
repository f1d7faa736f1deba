package dev.captchagate.trustcaptcha;

/**
 * What a verification result must satisfy: passed, and a bot score no higher than {@link #maxScore()}.
 *
 * @param maxScore the highest bot score accepted, from 0 (human) to 1 (bot); a score equal to it passes
 */
public record Policy(double maxScore) {

    /** The vendor's recommendation. */
    public static final double DEFAULT_MAX_SCORE = 0.5;

    /** The vendor's own check: passed and a score of at most 0.5. */
    public static final Policy DEFAULT = new Policy(DEFAULT_MAX_SCORE);

    /**
     * Checks the arguments.
     *
     * @param maxScore from 0 to 1
     */
    public Policy {
        if (!(maxScore >= 0 && maxScore <= 1)) {
            throw new IllegalArgumentException("maxScore must be from 0 to 1, was " + maxScore);
        }
    }

    /**
     * Decides on a verification.
     *
     * @param verification what TrustCaptcha answered
     * @return the decision: refused when there is no result, when it was not passed, or when the score is too high
     */
    public Decision decide(Verification verification) {
        if (verification.failure().isPresent()) {
            return Decision.refused(verification);
        }
        VerificationResult result = verification.result().orElseThrow();
        if (!result.verificationPassed()) {
            return Decision.refused(Outcome.VERIFICATION_FAILED, result, "verification not passed");
        }
        if (!(result.score() <= maxScore)) {
            return Decision.refused(Outcome.SCORE_TOO_HIGH, result,
                    "score " + result.score() + " above " + maxScore);
        }
        return Decision.accepted(result);
    }
}
