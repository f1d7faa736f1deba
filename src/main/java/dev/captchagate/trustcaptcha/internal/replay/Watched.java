package dev.captchagate.trustcaptcha.internal.replay;

/**
 * A store that says what it is and what it forgot, in types every server has: the readiness check and the metrics
 * ask through this, so that no class they load refers to an API the server may lack (JCache).
 */
interface Watched {

    /**
     * What the store is.
     *
     * @return e.g. {@code jcache:trustcaptcha-replay}
     */
    String kind();

    /**
     * The ids forgotten within their time to live because the store was full.
     *
     * @return the count since the store was created, or -1 when the store cannot tell
     */
    long evictionCount();
}
