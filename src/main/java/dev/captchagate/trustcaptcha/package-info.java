/**
 * TrustCaptcha for Jakarta EE: the whole public API.
 *
 * <h2>Protect endpoints</h2>
 * Put the jar in {@code WEB-INF/lib}, set {@code trustcaptcha.api-key}, and install {@link TrustCaptchaFilter} in
 * {@code web.xml}, by annotation on a subclass, or with {@code trustcaptcha.filter.url-patterns} alone. Its javadoc is
 * the manual: installation, every configuration key, where the token is looked for, the answers and when the library
 * fails open.
 *
 * <h2>Read the outcome</h2>
 * Every checked request gets a {@link Decision}: an {@link Outcome} (the stable problem code, its HTTP status, title
 * and detail), the {@link VerificationResult} when there is one, and whether it was enforced. The application reads it
 * through {@link CurrentVerification} (CDI) or the request attributes {@value Decision#ATTRIBUTE} and
 * {@value VerificationResult#ATTRIBUTE}, and observes every decision as a {@link DecisionEvent}.
 *
 * <h2>Verify without the filter</h2>
 * {@link TrustCaptchaVerifier} is the Jakarta EE twin of the vendor's {@code get_verification_result(key, token)}:
 * {@link TrustCaptchaVerifier#verificationResult(String)} returns the result or throws a {@link TrustCaptchaException};
 * {@link TrustCaptchaVerifier#verify(String)} returns a {@link Verification} (the result, or the outcome that explains
 * why there is none); {@link TrustCaptchaVerifier#decide(String, Policy)} makes the filter's decision under a
 * {@link Policy}, replay protection included.
 *
 * <h2>Compatibility</h2>
 * This package and {@link dev.captchagate.trustcaptcha.replay} are the API, checked against a committed baseline in
 * every build. Everything under {@code dev.captchagate.trustcaptcha.internal} is not API, whatever its visibility.
 * Value types that may grow ({@link Policy}, {@link DecisionEvent}, {@link Decision}) are final classes made by
 * factories or builders, so that adding to them breaks no caller.
 */
package dev.captchagate.trustcaptcha;
