/**
 * <b>Internal: not part of the API.</b> Anything here may change or go in any release, whatever its visibility;
 * public types here are public only because another package of the library, or the container, needs them.
 *
 * The one configuration model: {@link dev.captchagate.trustcaptcha.internal.config.Keys} is the table of keys (name,
 * default, allowed values, scope, how each is read),
 * {@link dev.captchagate.trustcaptcha.internal.config.Configuration} reads and validates all of them once per application,
 * and each part of the library takes its typed settings from it.
 */
package dev.captchagate.trustcaptcha.internal.config;
