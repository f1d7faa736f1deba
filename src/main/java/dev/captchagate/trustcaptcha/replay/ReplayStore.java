package dev.captchagate.trustcaptcha.replay;

import java.util.UUID;

/**
 * Remembers the verification ids of accepted tokens for {@code trustcaptcha.replay.ttl}, so that a second use of a
 * token is refused as {@code token-replayed} without asking TrustCaptcha.
 *
 * <p>The verifier claims an id right after decoding the token, before any request to TrustCaptcha, and releases the
 * claim unless the decision is an acceptance (a token that was not finished yet, or could not be checked during an
 * outage, may be sent again). Two requests with the same token at the same time: one claims, the other is refused.
 *
 * <p>The library uses a JCache named {@value JCacheReplayStore#CACHE_NAME} when the server has a JCache provider
 * (Payara's is Hazelcast's, shared by the instances of a cluster), else a bounded store in memory. To use your own,
 * make it a CDI alternative:
 * <pre>{@code
 * @Alternative @Priority(1) @ApplicationScoped
 * public class RedisReplayStore implements ReplayStore { ... }
 * }</pre>
 */
public interface ReplayStore {

    /**
     * Claims an id, atomically.
     *
     * @param verificationId the verification id of a decoded token
     * @return {@code true} when it was not remembered (and now is); {@code false} when it is remembered: a replay
     */
    boolean claim(UUID verificationId);

    /**
     * Forgets a claim that did not end in an acceptance.
     *
     * @param verificationId the id claimed before
     */
    void release(UUID verificationId);
}
