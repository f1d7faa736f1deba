/**
 * <b>Internal: not part of the API.</b> Anything here may change or go in any release, whatever its visibility;
 * public types here are public only because another package of the library, or the container, needs them.
 *
 * The decision on a token: decode, reserve a call slot, claim the verification id against replay, fetch the result,
 * apply the policy, give the claim back unless accepted. Behind {@link dev.captchagate.trustcaptcha.TrustCaptchaVerifier}
 * and the filter.
 */
package dev.captchagate.trustcaptcha.internal.verify;
