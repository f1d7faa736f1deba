package dev.captchagate.trustcaptcha.readme;

import dev.captchagate.trustcaptcha.TrustCaptchaVerifier;
import java.time.Duration;

/**
 * What the README's examples take as given, as the application around them would have it: a verifier and a token, a
 * metrics registry, a Redis client, the servlet of the sandbox example. Examples that are members or statements are
 * compiled in a subclass of this.
 */
public class ReadmeContext {

    /** The injected verifier. */
    protected TrustCaptchaVerifier verifier;

    /** The token the client sent. */
    protected String token;

    /** The application's metrics registry. */
    protected Registry registry;

    /** The application's Redis client. */
    protected Redis redis;

    /** A metrics registry, in the shape most have. */
    public interface Registry {
        /**
         * A counter.
         *
         * @param name its name
         * @param tags tag names and values
         * @return the counter
         */
        Counter counter(String name, String... tags);
    }

    /** A counter. */
    public interface Counter {
        /** Counts one. */
        void increment();
    }

    /** A Redis client, in the shape most have. */
    public interface Redis {
        /**
         * {@code SET key value NX PX ttl}.
         *
         * @param key the key
         * @param value the value
         * @param ttl the expiry
         * @return whether it was set
         */
        boolean setIfAbsent(String key, String value, Duration ttl);

        /**
         * Deletes the key if it holds the value (a script).
         *
         * @param key the key
         * @param value the value
         */
        void deleteIfEquals(String key, String value);
    }

    /** The application's servlet in the sandbox example. */
    public static class SignupServlet {
    }
}
