package dev.captchagate.trustcaptcha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.captchagate.trustcaptcha.internal.token.VerificationToken;
import dev.captchagate.trustcaptcha.internal.verify.Decider;
import dev.captchagate.trustcaptcha.testing.CapturedLog;
import dev.captchagate.trustcaptcha.testing.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class TrustCaptchaVerifierTest {

    private final List<VerificationToken> asked = new ArrayList<>();

    @Test
    void decidesAnInvalidTokenWithoutAskingTrustCaptcha() {
        TrustCaptchaVerifier verifier = verifier(Verification.failed(Outcome.VERIFICATION_NOT_FOUND, "HTTP 404"));
        for (String token : new String[] {null, "", Tokens.INVALID_BASE64, Tokens.NOT_JSON, Tokens.NO_ID}) {
            Verification verification = verifier.verify(token);
            assertEquals(Outcome.TOKEN_INVALID, verification.failure().orElseThrow());
        }
        assertEquals(List.of(), asked);
    }

    @Test
    void asksOnceWithTheDecodedToken() {
        Verification answer = Verification.failed(Outcome.VERIFICATION_EXPIRED, "HTTP 410");
        UUID id = UUID.randomUUID();
        assertSame(answer, verifier(answer).verify(Tokens.failover(id)));
        assertEquals(List.of(new VerificationToken(id, true)), asked);
    }

    @Test
    void theVendorStyleCallThrowsTellingWhy() {
        TrustCaptchaException thrown = assertThrows(TrustCaptchaException.class,
                () -> verifier(Verification.failed(Outcome.VERIFICATION_NOT_FINISHED, "HTTP 423"))
                        .verificationResult(Tokens.NOT_FINISHED));
        assertEquals(Outcome.VERIFICATION_NOT_FINISHED, thrown.outcome());
        assertEquals("verification-not-finished: HTTP 423", thrown.getMessage());
    }

    @Test
    void remembersAnAcceptedTokenAndRefusesItsReplayWithoutAskingAgain() {
        UUID id = UUID.randomUUID();
        TrustCaptchaVerifier verifier = verifier(human(id));
        assertEquals("accepted", verifier.decide(Tokens.of(id), Policy.DEFAULT).code());
        Decision replay = verifier.decide(Tokens.of(id), Policy.DEFAULT);
        assertEquals("token-replayed", replay.code());
        assertEquals(1, asked.size(), "a replay is decided without asking TrustCaptcha");
    }

    @Test
    void forgetsTokensThatWereNotAcceptedSoThatTheClientMayTryAgain() {
        UUID id = UUID.randomUUID();
        for (Outcome failure : new Outcome[] {Outcome.VERIFICATION_NOT_FINISHED,
            Outcome.UNAVAILABLE, Outcome.API_KEY_INVALID}) {
            TrustCaptchaVerifier verifier = verifier(Verification.failed(failure, "test"));
            verifier.decide(Tokens.of(id), Policy.DEFAULT);
            assertEquals(failure.code(), verifier.decide(Tokens.of(id), Policy.DEFAULT).code(), failure.name());
        }
        TrustCaptchaVerifier bot = verifier(Verification.of(ResultJsonAccess.bot(id)));
        bot.decide(Tokens.of(id), Policy.DEFAULT);
        assertEquals("score-too-high", bot.decide(Tokens.of(id), Policy.DEFAULT).code());
    }

    @Test
    void remembersATokenLetThroughUnverifiedSoThatAnOutageCannotBeReplayed() {
        UUID id = UUID.randomUUID();
        TrustCaptchaVerifier verifier = verifier(Verification.failed(Outcome.CIRCUIT_OPEN, "open"));
        Policy open = Policy.builder().allowWhenUnreachable(true).build();
        assertEquals("accepted-unverified", verifier.decide(Tokens.of(id), open).code());
        assertEquals("token-replayed", verifier.decide(Tokens.of(id), open).code());
    }

    @Test
    void aFailingReplayStoreMakesTheDecisionUnavailableNotAnError() {
        Decision decision = failingStore().decide(Tokens.of(UUID.randomUUID()), Policy.DEFAULT);
        assertEquals("verification-unavailable", decision.code());
        assertEquals("replay store failed (java.lang.IllegalStateException)", decision.detail());
    }

    @Test
    void aFailingReplayStoreCannotFloodTheLog() {
        List<LogRecord> records;
        try (CapturedLog log = CapturedLog.of(Logger.getLogger(TrustCaptchaVerifier.class.getName()))) {
            TrustCaptchaVerifier verifier = failingStore();
            for (int i = 0; i < 1000; i++) {
                assertEquals("verification-unavailable",
                        verifier.decide(Tokens.of(UUID.randomUUID()), Policy.DEFAULT).code());
            }
            records = log.records();
        }
        assertEquals(Decider.STORE_FAILURES_LOGGED_PER_MINUTE, records.size());
        assertEquals(Level.WARNING, records.get(0).getLevel());
        assertEquals("TrustCaptcha replay store failed", records.get(0).getMessage());
        assertEquals("cluster gone", records.get(0).getThrown().getMessage());
    }

    private static TrustCaptchaVerifier failingStore() {
        return new TrustCaptchaVerifier(new Decider(token -> human(token.verificationId()),
                new dev.captchagate.trustcaptcha.replay.ReplayStore() {
                    @Override
                    public boolean claim(UUID verificationId, long attempt) {
                        throw new IllegalStateException("cluster gone");
                    }

                    @Override
                    public void release(UUID verificationId, long attempt) {
                        throw new IllegalStateException("cluster gone");
                    }
                }));
    }

    @Test
    void decidesAnInvalidTokenWithoutTheStoreOrTrustCaptcha() {
        assertEquals("token-invalid", verifier(human(UUID.randomUUID())).decide("nope", Policy.DEFAULT).code());
        assertEquals(List.of(), asked);
    }

    private static Verification human(UUID id) {
        return Verification.of(ResultJsonAccess.human(id));
    }

    /** Result values for the tests. */
    private static final class ResultJsonAccess {
        static VerificationResult human(UUID id) {
            return parse(dev.captchagate.trustcaptcha.testing.Results.human(id));
        }

        static VerificationResult bot(UUID id) {
            return parse(dev.captchagate.trustcaptcha.testing.Results.bot(id));
        }

        private static VerificationResult parse(String json) {
            return dev.captchagate.trustcaptcha.internal.client.ResultJson
                    .parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)).orElseThrow();
        }
    }

    private TrustCaptchaVerifier verifier(Verification answer) {
        return new TrustCaptchaVerifier(new Decider(token -> {
            asked.add(token);
            return answer;
        }));
    }
}
