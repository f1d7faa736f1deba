package dev.captchagate.trustcaptcha.internal.config;

import java.util.List;

/**
 * A value as it was found, for messages: the name it was found under (the key, or the init-param that overrides it)
 * and where its problems go.
 */
final class Found {

    private final String name;
    private final String allowed;
    private final List<String> problems;

    Found(String name, String allowed, List<String> problems) {
        this.name = name;
        this.allowed = allowed;
        this.problems = problems;
    }

    /**
     * The name the value was found under.
     *
     * @return e.g. {@code trustcaptcha.token.header} or {@code init-param token.header (filter 'login')}
     */
    String name() {
        return name;
    }

    /**
     * Reports a value that is not what the key allows.
     *
     * @param text the value, or the part of it that is wrong
     * @param <T> the type the caller returns
     * @return null, for the caller to return
     */
    <T> T invalid(String text) {
        problems.add(ConfigMessages.invalid(name, allowed, text));
        return null;
    }

    /**
     * Reports a problem with its own message.
     *
     * @param message the full message
     * @param <T> the type the caller returns
     * @return null, for the caller to return
     */
    <T> T problem(String message) {
        problems.add(message);
        return null;
    }
}
