package dev.captchagate.trustcaptcha.internal.verify;

import dev.captchagate.trustcaptcha.Decision;
import dev.captchagate.trustcaptcha.Outcome;
import dev.captchagate.trustcaptcha.Policy;
import dev.captchagate.trustcaptcha.Verification;
import dev.captchagate.trustcaptcha.internal.client.ResultClient;
import dev.captchagate.trustcaptcha.internal.config.Keys;
import dev.captchagate.trustcaptcha.internal.token.VerificationToken;
import dev.captchagate.trustcaptcha.internal.util.RateLimit;
import dev.captchagate.trustcaptcha.replay.MemoryReplayStore;
import dev.captchagate.trustcaptcha.replay.ReplayStore;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides on tokens: decode, reserve a slot with the result client (concurrency limit and breaker), claim the
 * verification id in the replay store, fetch the result, apply the policy, and give the claim back unless the
 * decision accepts. What {@code TrustCaptchaVerifier} offers the application and the filter runs for each protected
 * request.
 */
public final class Decider {

    /** Replay store failures logged a minute, at most: a failing store must not flood the log. */
    public static final int STORE_FAILURES_LOGGED_PER_MINUTE = 10;

    /** The verifier's logger, by its public name, so that logging configured for it keeps working. */
    private static final Logger LOG = Logger.getLogger("dev.captchagate.trustcaptcha.TrustCaptchaVerifier");

    private Function<VerificationToken, Verification> source;
    private ResultClient client;
    private ReplayStore replay;
    private int maxUnverifiedPerMinute;
    private RateLimit unverified;
    private final RateLimit storeFailures = new RateLimit(STORE_FAILURES_LOGGED_PER_MINUTE, System::nanoTime);

    /**
     * The decider the library runs: over the result client (its concurrency limit and breaker) and the replay store.
     *
     * @param client the result client
     * @param replay the replay store
     * @param clock the clock of the cap on requests let through unverified
     */
    public Decider(ResultClient client, ReplayStore replay, LongSupplier clock) {
        this(client::fetch, replay, client.settings().maxUnverifiedPerMinute(), clock);
        this.client = client;
    }

    /**
     * A decider over any source of results, for tests, with replay protection in memory for the default time to live.
     *
     * @param source fetches the result of a decoded token; must not throw
     */
    public Decider(Function<VerificationToken, Verification> source) {
        this(source, new MemoryReplayStore(Keys.REPLAY_TTL.defaultValue(), MemoryReplayStore.DEFAULT_CAPACITY,
                System::nanoTime));
    }

    /**
     * A decider over any source of results and a replay store, for tests, letting at most
     * 60 requests (the default of {@code trustcaptcha.policy.max-unverified-per-minute}) a minute through unverified.
     *
     * @param source fetches the result of a decoded token; must not throw
     * @param replay remembers accepted verification ids
     */
    public Decider(Function<VerificationToken, Verification> source, ReplayStore replay) {
        this(source, replay, Keys.POLICY_MAX_UNVERIFIED_PER_MINUTE.defaultValue(), System::nanoTime);
    }

    /**
     * A decider over any source of results, for tests.
     *
     * @param source fetches the result of a decoded token; must not throw
     * @param replay remembers accepted verification ids
     * @param maxUnverifiedPerMinute the cap on requests let through unverified
     * @param clock the cap's clock
     */
    public Decider(Function<VerificationToken, Verification> source, ReplayStore replay, int maxUnverifiedPerMinute,
                   LongSupplier clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.replay = Objects.requireNonNull(replay, "replay");
        this.maxUnverifiedPerMinute = maxUnverifiedPerMinute;
        this.unverified = new RateLimit(maxUnverifiedPerMinute, clock);
    }

    /**
     * Decodes a token and fetches its result.
     *
     * @param token the verification token as the client sent it; may be null
     * @return the result, or why there is none; never throws
     */
    public Verification verify(String token) {
        Optional<VerificationToken> decoded = VerificationToken.decode(token);
        if (decoded.isEmpty()) {
            return Verification.failed(Outcome.TOKEN_INVALID, "not a verification token");
        }
        return verify(decoded.get());
    }

    /**
     * Fetches the result of a decoded token.
     *
     * @param token the decoded token
     * @return the result, or why there is none; never throws
     */
    public Verification verify(VerificationToken token) {
        return source.apply(Objects.requireNonNull(token, "token"));
    }

    /**
     * Decides on a token the way the filter does, for code that wants the decision without the filter (a JAX-RS
     * resource, a JSF action): decodes it ({@code token-invalid}); refuses at once, without touching the replay
     * store, what needs no call (no free slot, or an open circuit breaker where the policy does not fail open);
     * refuses a verification id accepted before within {@code trustcaptcha.replay.ttl} ({@code token-replayed},
     * without asking TrustCaptcha); fetches the result and applies the policy. The id is remembered only when the
     * decision is an acceptance.
     *
     * <p>Fail open: a policy that allows it ({@code policy.allow-when-unreachable}) lets a well-formed token through
     * unverified only while the circuit breaker is open (TrustCaptcha known to be unreachable), never because this
     * request's own call failed, and at most {@code policy.max-unverified-per-minute} times a minute; beyond that the
     * request is refused with 503 {@code verification-unavailable}.
     *
     * @param token the verification token as the client sent it; may be null
     * @param policy what the result must satisfy
     * @return the decision; never throws
     */
    public Decision decide(String token, Policy policy) {
        Optional<VerificationToken> decoded = VerificationToken.decode(token);
        if (decoded.isEmpty()) {
            return Decision.refused(Outcome.TOKEN_INVALID, null, "not a verification token");
        }
        ResultClient.Reservation slot = client == null ? null : client.reserve();
        try {
            return decide(decoded.get(), policy, slot);
        } finally {
            if (slot != null) {
                slot.close(); // whatever was thrown on the way, the slot (and a trial) is never lost
            }
        }
    }

    private Decision decide(VerificationToken token, Policy policy, ResultClient.Reservation slot) {
        Verification notAsked = slot == null ? null : slot.refusal().orElse(null);
        if (notAsked != null) {
            if (!policy.allowWhenUnreachable() || notAsked.failure().orElseThrow() != Outcome.CIRCUIT_OPEN) {
                return Decision.refused(notAsked); // decided without a round trip to the replay store
            }
            if (unverified.permit() < 0) {
                return overTheCap(notAsked); // nor this one
            }
        }
        UUID id = token.verificationId();
        long attempt = ThreadLocalRandom.current().nextLong();
        boolean first;
        try {
            first = replay.claim(id, attempt);
        } catch (RuntimeException storeFailed) {
            storeFailed("failed", storeFailed);
            release(id, attempt); // a claim that failed may have been written: the client may send the token again
            return Decision.refused(Verification.failed(Outcome.INTERNAL_ERROR,
                    "replay store failed (" + storeFailed.getClass().getName() + ")"));
        }
        if (!first) {
            return Decision.refused(Outcome.TOKEN_REPLAYED, null, "verification accepted before");
        }
        Decision decision;
        try {
            if (notAsked != null) {
                decision = policy.decide(notAsked); // accepted unverified, counted against the cap above
            } else {
                Verification verification = slot != null ? slot.fetch(token) : verify(token);
                decision = policy.decide(verification);
                if (decision.outcome() == Outcome.ACCEPTED_UNVERIFIED && unverified.permit() < 0) {
                    decision = overTheCap(verification); // a source given to the constructor that reported an open breaker
                }
            }
        } catch (RuntimeException | Error unexpected) {
            release(id, attempt);
            throw unexpected;
        }
        if (!decision.accepted()) {
            release(id, attempt);
        }
        return decision;
    }

    /** Past the cap on requests let through unverified: refused as unavailable. */
    private Decision overTheCap(Verification circuitOpen) {
        return Decision.refused(Verification.failed(circuitOpen.failure().orElseThrow(), circuitOpen.detail()
                + "; refused: " + maxUnverifiedPerMinute + " requests a minute may pass unverified "
                + "(trustcaptcha.policy.max-unverified-per-minute), and as many have"));
    }

    private void release(UUID id, long attempt) {
        try {
            replay.release(id, attempt);
        } catch (RuntimeException storeFailed) {
            storeFailed("failed to forget an id", storeFailed);
        }
    }

    private void storeFailed(String what, RuntimeException failure) {
        if (client != null) {
            client.metrics().replayStoreFailed();
        }
        int left = storeFailures.permit();
        if (left >= 0) {
            LOG.log(Level.WARNING, "TrustCaptcha replay store " + what
                    + (left > 0 ? " (" + left + " more such failures not logged)" : ""), failure);
        }
    }
}
