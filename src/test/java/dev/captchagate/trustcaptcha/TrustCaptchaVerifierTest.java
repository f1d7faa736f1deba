package dev.captchagate.trustcaptcha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.captchagate.trustcaptcha.testing.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TrustCaptchaVerifierTest {

    private final List<VerificationToken> asked = new ArrayList<>();

    @Test
    void decidesAnInvalidTokenWithoutAskingTrustCaptcha() {
        TrustCaptchaVerifier verifier = verifier(Verification.failed(VerificationFailure.NOT_FOUND, "HTTP 404"));
        for (String token : new String[] {null, "", Tokens.INVALID_BASE64, Tokens.NOT_JSON, Tokens.NO_ID}) {
            Verification verification = verifier.verify(token);
            assertEquals(VerificationFailure.TOKEN_INVALID, verification.failure().orElseThrow());
        }
        assertEquals(List.of(), asked);
    }

    @Test
    void asksOnceWithTheDecodedToken() {
        Verification answer = Verification.failed(VerificationFailure.EXPIRED, "HTTP 410");
        UUID id = UUID.randomUUID();
        assertSame(answer, verifier(answer).verify(Tokens.failover(id)));
        assertEquals(List.of(new VerificationToken(id, true)), asked);
    }

    @Test
    void theVendorStyleCallThrowsTellingWhy() {
        TrustCaptchaException thrown = assertThrows(TrustCaptchaException.class,
                () -> verifier(Verification.failed(VerificationFailure.NOT_FINISHED, "HTTP 423"))
                        .verificationResult(Tokens.NOT_FINISHED));
        assertEquals(VerificationFailure.NOT_FINISHED, thrown.failure());
        assertEquals("verification-not-finished: HTTP 423", thrown.getMessage());
    }

    private TrustCaptchaVerifier verifier(Verification answer) {
        return new TrustCaptchaVerifier(token -> {
            asked.add(token);
            return answer;
        });
    }
}
