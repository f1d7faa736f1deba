/**
 * <b>Internal: not part of the API.</b> Anything here may change or go in any release, whatever its visibility;
 * public types here are public only because another package of the library, or the container, needs them.
 *
 * Small tools the other internal packages share: streaming JSON helpers, a JSON Pointer, a rate limit for log lines,
 * printable echoes of client input, the threads of the library's pools.
 */
package dev.captchagate.trustcaptcha.internal.util;
