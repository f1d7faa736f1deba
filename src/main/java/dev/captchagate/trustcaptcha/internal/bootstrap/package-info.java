/**
 * <b>Internal: not part of the API.</b> Anything here may change or go in any release, whatever its visibility;
 * public types here are public only because another package of the library, or the container, needs them.
 *
 * Start-up: the CDI extension (the library's beans exist whatever the application's bean discovery, and a wrong
 * configuration fails the deployment) and the servlet container initializer (registers the filter for
 * {@code trustcaptcha.filter.url-patterns}). The one internal package that names the entry points, because it wires them
 * into the container.
 */
package dev.captchagate.trustcaptcha.internal.bootstrap;
