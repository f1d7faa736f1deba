package dev.captchagate.trustcaptcha.internal.replay;

/**
 * An existing replay cache that would keep ids for another time than {@code trustcaptcha.replay.ttl}: the deployment
 * fails with this message rather than keep the old expiry silently.
 */
final class CacheMismatch extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CacheMismatch(String message) {
        super(message, null, false, false);
    }
}
