/**
 * <b>Internal: not part of the API.</b> Anything here may change or go in any release, whatever its visibility;
 * public types here are public only because another package of the library, or the container, needs them.
 *
 * What the filter does with one request: find the token (header, JSON body with a streaming pointer, form), keep the
 * body readable for the application exactly as the container would give it, have the verifier decide, publish the
 * decision, log it, and answer a refusal with {@code application/problem+json}.
 */
package dev.captchagate.trustcaptcha.internal.filter;
