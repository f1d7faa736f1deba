package dev.captchagate.trustcaptcha;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.captchagate.trustcaptcha.internal.client.ResultJson;
import dev.captchagate.trustcaptcha.internal.token.VerificationToken;
import dev.captchagate.trustcaptcha.internal.verify.Decider;
import dev.captchagate.trustcaptcha.testing.Hostile;
import dev.captchagate.trustcaptcha.testing.Results;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Property test: 10,000 generated tokens per run, valid and hostile (huge, empty, not Base64, Base64 of anything,
 * JSON without an id or with a non-string one, an apiEndpoint, deep nesting, truncated, invalid UTF-8, surrogates,
 * duplicate members, control characters, random flips). The seed is in every message.
 */
class HostileTokensTest {

    private static final int CASES = 10_000;

    @Test
    void decodingNeverThrowsAndNeverAsksTrustCaptchaAboutAnInvalidToken() {
        Hostile hostile = Hostile.stream(1);
        List<UUID> asked = new ArrayList<>();
        TrustCaptchaVerifier verifier = new TrustCaptchaVerifier(new Decider(token -> {
            asked.add(token.verificationId());
            return Verification.of(ResultJson.parse(Results.human(token.verificationId())
                    .getBytes(StandardCharsets.UTF_8)).orElseThrow());
        }));
        Map<String, Integer> kinds = new HashMap<>();
        long start = System.nanoTime();
        for (int i = 0; i < CASES; i++) {
            Hostile.Token token = hostile.token();
            kinds.merge(token.kind(), 1, Integer::sum);
            String message = "seed " + Hostile.SEED + ", case " + i + ": " + token.kind();
            asked.clear();

            Optional<VerificationToken> decoded = assertDoesNotThrow(() -> VerificationToken.decode(token.raw()),
                    message);
            Decision decision = assertDoesNotThrow(() -> verifier.decide(token.raw(), Policy.DEFAULT), message);

            if (!token.unknown()) {
                assertEquals(token.valid(), decoded.map(VerificationToken::verificationId).orElse(null), message);
            }
            if (decoded.isEmpty()) {
                assertEquals(List.of(), asked, "asked TrustCaptcha about an invalid token; " + message);
                assertEquals("token-invalid", decision.code(), message);
            } else {
                assertEquals(List.of(decoded.get().verificationId()), asked, message);
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(kinds.size() >= 20, "the generator covers few kinds: " + kinds);
        assertTrue(took.compareTo(Duration.ofSeconds(60)) < 0, "decoding hangs somewhere: " + took);
    }
}
