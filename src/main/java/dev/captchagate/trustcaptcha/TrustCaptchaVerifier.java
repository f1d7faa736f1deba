package dev.captchagate.trustcaptcha;

import dev.captchagate.trustcaptcha.internal.token.VerificationToken;

import dev.captchagate.trustcaptcha.internal.client.ResultClient;
import dev.captchagate.trustcaptcha.internal.config.ClientSettings;
import dev.captchagate.trustcaptcha.internal.util.RateLimit;
import dev.captchagate.trustcaptcha.replay.MemoryReplayStore;
import dev.captchagate.trustcaptcha.replay.ReplayStore;
import dev.captchagate.trustcaptcha.internal.replay.ReplayStores;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Asks TrustCaptcha for the verification result of a token: the Jakarta EE twin of the vendor's
 * {@code get_verification_result(secret, token)}. Inject it anywhere:
 * <pre>{@code
 * @Inject TrustCaptchaVerifier verifier;
 *
 * VerificationResult result = verifier.verificationResult(token); // throws TrustCaptchaException
 * if (!result.verificationPassed() || result.score() > 0.5) { ... refuse ... }
 * }</pre>
 * or, without exceptions, {@link #verify(String)}. An invalid token is decided here, without any request.
 * TrustCaptcha hands out each result once: fetch it once per token (the filter does, and publishes it).
 */
@ApplicationScoped
public class TrustCaptchaVerifier {

    private static final Logger LOG = Logger.getLogger(TrustCaptchaVerifier.class.getName());

    /** Replay store failures logged a minute, at most: a failing store must not flood the log. */
    static final int STORE_FAILURES_LOGGED_PER_MINUTE = 10;

    private Function<VerificationToken, Verification> source;
    private ResultClient client;
    private ReplayStore replay;
    private int maxUnverifiedPerMinute;
    private RateLimit unverified;
    private final RateLimit storeFailures = new RateLimit(STORE_FAILURES_LOGGED_PER_MINUTE, System::nanoTime);

    /** For CDI. */
    protected TrustCaptchaVerifier() {
    }

    /**
     * The verifier CDI creates.
     *
     * @param client the result client
     * @param replay the replay store
     */
    @Inject
    public TrustCaptchaVerifier(ResultClient client, ReplayStore replay) {
        this(client, replay, System::nanoTime);
    }

    TrustCaptchaVerifier(ResultClient client, ReplayStore replay, LongSupplier clock) {
        this(client::fetch, replay, client.settings().maxUnverifiedPerMinute(), clock);
        this.client = client;
    }

    /**
     * A verifier over any source of results, for tests and for use outside CDI, with replay protection in memory
     * for the default time to live.
     *
     * @param source fetches the result of a decoded token; must not throw
     */
    public TrustCaptchaVerifier(Function<VerificationToken, Verification> source) {
        this(source, new MemoryReplayStore(ReplayStores.DEFAULT_TTL, MemoryReplayStore.DEFAULT_CAPACITY,
                System::nanoTime));
    }

    /**
     * A verifier over any source of results and a replay store, letting at most
     * {@value ClientSettings#DEFAULT_MAX_UNVERIFIED_PER_MINUTE} requests a minute through unverified.
     *
     * @param source fetches the result of a decoded token; must not throw
     * @param replay remembers accepted verification ids
     */
    public TrustCaptchaVerifier(Function<VerificationToken, Verification> source, ReplayStore replay) {
        this(source, replay, ClientSettings.DEFAULT_MAX_UNVERIFIED_PER_MINUTE, System::nanoTime);
    }

    TrustCaptchaVerifier(Function<VerificationToken, Verification> source, ReplayStore replay,
                         int maxUnverifiedPerMinute, LongSupplier clock) {
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
            return Verification.failed(VerificationFailure.TOKEN_INVALID, "not a verification token");
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
            if (!policy.allowWhenUnreachable() || notAsked.failure().orElseThrow() != VerificationFailure.CIRCUIT_OPEN) {
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
            return Decision.refused(Verification.failed(VerificationFailure.INTERNAL_ERROR,
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
        int left = storeFailures.permit();
        if (left >= 0) {
            LOG.log(Level.WARNING, "TrustCaptcha replay store " + what
                    + (left > 0 ? " (" + left + " more such failures not logged)" : ""), failure);
        }
    }

    /**
     * Decodes a token and fetches its result, the vendor libraries' way.
     *
     * @param token the verification token as the client sent it
     * @return the result
     * @throws TrustCaptchaException when there is no result; {@link TrustCaptchaException#failure()} says why
     */
    public VerificationResult verificationResult(String token) {
        return verify(token).orElseThrow();
    }
}
