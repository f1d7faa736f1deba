/**
 * <b>Internal: not part of the API.</b> Anything here may change or go in any release, whatever its visibility;
 * public types here are public only because another package of the library, or the container, needs them.
 *
 * Decoding a verification token: the Base64 JSON the widget makes, bounded in size, read with a streaming parser.
 */
package dev.captchagate.trustcaptcha.internal.token;
