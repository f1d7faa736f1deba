/**
 * <b>Internal: not part of the API.</b> Anything here may change or go in any release, whatever its visibility;
 * public types here are public only because another package of the library, or the container, needs them.
 *
 * The TrustCaptcha result API as a MicroProfile REST Client: the interface, its fixed headers, and how its statuses
 * map onto {@link dev.captchagate.trustcaptcha.Outcome}. The bottom layer: it depends on nothing else of the library but
 * the outcome vocabulary.
 */
package dev.captchagate.trustcaptcha.internal.api;
