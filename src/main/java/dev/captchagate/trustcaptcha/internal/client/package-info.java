/**
 * <b>Internal: not part of the API.</b> Anything here may change or go in any release, whatever its visibility;
 * public types here are public only because another package of the library, or the container, needs them.
 *
 * Fetches verification results: the adaptive concurrency limit, the per-call deadline, the circuit breaker and its
 * probe, the size-bounded body, and the mapping of every failure onto an
 * {@link dev.captchagate.trustcaptcha.Outcome}. Our own code rather than MicroProfile Fault Tolerance, which not
 * every Jakarta EE server has; {@code docs/DESIGN.md} says why in full.
 */
package dev.captchagate.trustcaptcha.internal.client;
