/**
 * <b>Internal: not part of the API.</b> Anything here may change or go in any release, whatever its visibility;
 * public types here are public only because another package of the library, or the container, needs them.
 *
 * How the library chooses and guards its {@link dev.captchagate.trustcaptcha.replay.ReplayStore}: a JCache when the
 * server has one (each call bounded in time), else memory.
 */
package dev.captchagate.trustcaptcha.internal.replay;
