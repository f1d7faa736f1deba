package dev.captchagate.trustcaptcha.replay;

import java.util.UUID;

/**
 * Remembers the verification ids of accepted tokens for {@code trustcaptcha.replay.ttl}, so that a second use of a
 * token is refused as {@code token-replayed} without asking TrustCaptcha.
 *
 * <p>The verifier claims an id after every refusal that needs no call was ruled out (an invalid token, an open
 * circuit breaker, no free slot), right before the request to TrustCaptcha, and releases the claim unless the
 * decision is an acceptance (a token that was not finished yet, or was refused before TrustCaptcha was asked, may be
 * sent again). Two requests with the same token at the same time: one claims, the other is refused.
 *
 * <p>Each claim carries a value unique to its attempt, and a release removes the id only while it still holds that
 * value ({@code Cache.remove(key, value)} in JCache terms): so a release never forgets another attempt's claim, and
 * a claim that was written late (after the caller gave up at its deadline) can be taken back after it landed,
 * instead of keeping a human's token refused as a replay.
 *
 * <p>The library uses a JCache named {@code trustcaptcha-replay} (the key {@code trustcaptcha.replay.cache}) when the
 * server has a JCache provider (Payara's is Hazelcast's, shared by the instances of a cluster), else a bounded store in
 * memory. To use
 * your own, make it a CDI alternative:
 * <pre>{@code
 * @Alternative @Priority(1) @ApplicationScoped
 * public class RedisReplayStore implements ReplayStore { ... } // SET id attempt NX PX ttl; delete if value is attempt
 * }</pre>
 */
public interface ReplayStore {

    /**
     * Claims an id, atomically.
     *
     * @param verificationId the verification id of a decoded token
     * @param attempt a value unique to this attempt, to be stored with the id
     * @return {@code true} when it was not remembered (and now is); {@code false} when it is remembered: a replay
     */
    boolean claim(UUID verificationId, long attempt);

    /**
     * Forgets a claim that did not end in an acceptance, if the id is still held by this attempt; does nothing when
     * it is not (never claimed, expired, or held by another attempt).
     *
     * @param verificationId the id claimed before
     * @param attempt the value the claim was made with
     */
    void release(UUID verificationId, long attempt);
}
