package dev.captchagate.trustcaptcha.internal.config;

/** What a filter does with its decisions ({@code trustcaptcha.mode}). */
public enum Mode {
    /** Refusals are answered: the request does not reach the application. */
    ENFORCE,
    /**
     * Report only: every decision is made, logged and published exactly as in {@link #ENFORCE}, but nothing is
     * blocked (an oversized body is then not read). For a safe rollout.
     */
    MONITOR
}
