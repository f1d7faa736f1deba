/**
 * Replay protection: the {@link dev.captchagate.trustcaptcha.replay.ReplayStore} service provider interface, which an
 * application implements to keep accepted verification ids where it likes (an enabled CDI alternative replaces the
 * library's store), and {@link dev.captchagate.trustcaptcha.replay.MemoryReplayStore}, the bounded in-memory store a
 * single instance can use. The library's default is a JCache when the server has one, else memory.
 */
package dev.captchagate.trustcaptcha.replay;
