package dev.captchagate.trustcaptcha.internal.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.captchagate.trustcaptcha.testing.FakeTrustCaptchaApi;
import dev.captchagate.trustcaptcha.testing.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VerificationTokenTest {

    private static final UUID ID = UUID.fromString("3f0b4b8e-8a43-4a55-9a3e-1d2c3b4a5f60");

    @Test
    void decodesTheVendorTestVectors() {
        assertEquals(FakeTrustCaptchaApi.VALID, id(Tokens.VALID));
        assertEquals(FakeTrustCaptchaApi.NOT_FOUND, id(Tokens.NOT_FOUND));
        assertEquals(FakeTrustCaptchaApi.NOT_FINISHED, id(Tokens.NOT_FINISHED));
        assertEquals(FakeTrustCaptchaApi.EXPIRED, id(Tokens.EXPIRED));
        assertEquals(FakeTrustCaptchaApi.LIMIT_REACHED, id(Tokens.LIMIT_REACHED));
    }

    @ParameterizedTest
    @ValueSource(strings = {Tokens.INVALID_BASE64, Tokens.NOT_JSON, Tokens.NO_ID})
    void rejectsTheVendorInvalidVectors(String token) {
        assertTrue(VerificationToken.decode(token).isEmpty());
    }

    @Test
    void readsClientFailoverOnlyWhenItIsTrue() {
        assertTrue(VerificationToken.decode(Tokens.failover(ID)).orElseThrow().clientFailover());
        assertFalse(VerificationToken.decode(Tokens.of(ID)).orElseThrow().clientFailover());
        assertFalse(decode("{\"verificationId\":\"" + ID + "\",\"clientFailover\":\"true\"}").orElseThrow()
                .clientFailover());
        assertFalse(decode("{\"verificationId\":\"" + ID + "\",\"clientFailover\":1}").orElseThrow()
                .clientFailover());
    }

    @Test
    void skipsAClientFailoverObjectOrArrayWhole() {
        VerificationToken withObject = decode("{\"verificationId\":\"" + ID + "\",\"clientFailover\":{}}")
                .orElseThrow();
        assertEquals(ID, withObject.verificationId());
        assertFalse(withObject.clientFailover());
        assertEquals(ID, decode("{\"clientFailover\":{\"a\":[1,{\"b\":true}]},\"verificationId\":\"" + ID + "\"}")
                .orElseThrow().verificationId());
        assertTrue(decode("{\"clientFailover\":[\"verificationId\",\"" + ID + "\",\"x\"]}").isEmpty(),
                "the array's strings are not members: this token has no verificationId");
    }

    @Test
    void ignoresUnknownMembersIncludingTheOldApiEndpoint() {
        VerificationToken token = decode("{\"apiEndpoint\":\"http://127.0.0.1:1/steal\",\"encryptedAccessToken\":"
                + "\"abc\",\"nested\":{\"verificationId\":\"not-this\"},\"list\":[1,{\"a\":[]}],\"verificationId\":\""
                + ID + "\"}").orElseThrow();
        assertEquals(new VerificationToken(ID, false), token);
    }

    @Test
    void toleratesWhitespaceAroundTheTokenAndTheJson() {
        assertEquals(ID, decode("  {\"verificationId\":\"" + ID + "\"}\r\n").orElseThrow().verificationId());
        assertEquals(ID, VerificationToken.decode(" " + Tokens.of(ID) + "\n").orElseThrow().verificationId());
    }

    @Test
    void acceptsWhatUuidFromStringAccepts() {
        // The vendor's test ids are not RFC-versioned; upper case is a UUID too.
        assertEquals(ID, decode("{\"verificationId\":\"" + ID.toString().toUpperCase() + "\"}").orElseThrow()
                .verificationId());
    }

    @Test
    void theFirstOfDuplicateMembersCounts() {
        UUID other = UUID.randomUUID();
        assertEquals(ID, decode("{\"verificationId\":\"" + ID + "\",\"verificationId\":\"" + other + "\"}")
                .orElseThrow().verificationId());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "{}",
        "[]",
        "\"3f0b4b8e-8a43-4a55-9a3e-1d2c3b4a5f60\"",
        "{\"verificationId\":null}",
        "{\"verificationId\":42}",
        "{\"verificationId\":{\"id\":\"3f0b4b8e-8a43-4a55-9a3e-1d2c3b4a5f60\"}}",
        "{\"verificationId\":\"not-a-uuid\"}",
        "{\"verificationId\":\"3f0b4b8e-8a43-4a55-9a3e-1d2c3b4a5f60/../../x\"}",
        "{\"verificationId\":\" 3f0b4b8e-8a43-4a55-9a3e-1d2c3b4a5f60\"}",
        "{\"verificationId\":\"3f0b4b8e-8a43-4a55-9a3e-1d2c3b4a5f60\"",
        "{\"verificationId\":\"3f0b4b8e-8a43-4a55-9a3e-1d2c3b4a5f60\"}{}",
        "{\"verificationId\":\"3f0b4b8e-8a43-4a55-9a3e-1d2c3b4a5f60\"} trailing",
        "{\"verificationId\":\"3f0b4b8e-8a43-4a55-9a3e-1d2c3b4a5f60\",}",
    })
    void rejectsJsonWithoutAUsableVerificationId(String json) {
        assertTrue(decode(json).isEmpty(), json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"x\":[", "{\"x\":{\"y\":[1,", "{\"verificationId\":\"3f0b4b8e-8a43-4a55-9a3e-1d2c3b4a5f60\",\"x\":{"})
    void endsOnTokensThatStopInsideAnIgnoredMember(String json) {
        // Parsson's own skipArray()/skipObject() never return on these: an upper bound proves we do not hang.
        assertTrue(assertTimeoutPreemptively(Duration.ofSeconds(5), () -> decode(json)).isEmpty());
    }

    @Test
    void rejectsNestingPastTheParsersLimit() {
        String deep = "{\"x\":" + "[".repeat(1500) + "]".repeat(1500) + ",\"verificationId\":\"" + ID + "\"}";
        assertTrue(Tokens.base64(deep).length() <= VerificationToken.MAX_LENGTH, "must reach the parser");
        assertTrue(decode(deep).isEmpty());
    }

    @Test
    void rejectsBase64WithoutPaddingOrWithForeignCharacters() {
        String padded = Tokens.of(ID);
        String unpadded = padded.replace("=", "");
        if (!unpadded.equals(padded)) {
            assertTrue(VerificationToken.decode(unpadded).isEmpty());
        }
        assertTrue(VerificationToken.decode(padded.substring(0, 8) + " " + padded.substring(9)).isEmpty());
        String urlSafe = Base64.getUrlEncoder().encodeToString(
                ("{\"verificationId\":\"" + ID + "\",\"x\":\"\u00ff\u00fe\u00fd>>>???\"}")
                        .getBytes(StandardCharsets.UTF_8));
        assertTrue(urlSafe.contains("-") || urlSafe.contains("_"), "the sample must use URL-safe characters");
        assertTrue(VerificationToken.decode(urlSafe).isEmpty());
    }

    @Test
    void rejectsTokensOverTheLengthCapBeforeDecoding() {
        String padding = "{\"verificationId\":\"" + ID + "\",\"pad\":\"";
        int room = (VerificationToken.MAX_LENGTH / 4) * 3 - padding.length() - 2;
        String fits = Tokens.base64(padding + "x".repeat(room) + "\"}");
        assertTrue(fits.length() <= VerificationToken.MAX_LENGTH);
        assertEquals(ID, VerificationToken.decode(fits).orElseThrow().verificationId());

        String tooLong = Tokens.base64(padding + "x".repeat(room + 3) + "\"}");
        assertTrue(tooLong.length() > VerificationToken.MAX_LENGTH);
        assertTrue(VerificationToken.decode(tooLong).isEmpty());
        assertTrue(VerificationToken.decode(" ".repeat(VerificationToken.MAX_LENGTH) + Tokens.of(ID)).isEmpty());
    }

    @Test
    void rejectsNullAndEmpty() {
        assertTrue(VerificationToken.decode(null).isEmpty());
        assertTrue(VerificationToken.decode("").isEmpty());
        assertTrue(VerificationToken.decode("   ").isEmpty());
    }

    @Test
    void rejectsBytesThatAreNotJsonText() {
        byte[] garbage = {(byte) 0xff, (byte) 0xfe, 0, 0, (byte) 0x80, (byte) 0x81, 0x7b, 0x7d};
        assertTrue(VerificationToken.decode(Base64.getEncoder().encodeToString(garbage)).isEmpty());
    }

    private static UUID id(String token) {
        return VerificationToken.decode(token).orElseThrow().verificationId();
    }

    private static Optional<VerificationToken> decode(String json) {
        return VerificationToken.decode(Tokens.base64(json));
    }
}
