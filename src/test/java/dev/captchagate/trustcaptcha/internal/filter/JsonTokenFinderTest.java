package dev.captchagate.trustcaptcha.internal.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.captchagate.trustcaptcha.internal.util.JsonPointer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTokenFinderTest {

    @Test
    void findsATopLevelMember() {
        assertEquals("abc", find("{\"a\":1,\"verificationToken\":\"abc\",\"z\":[]}", "/verificationToken"));
    }

    @Test
    void followsNestedPathsAndSkipsEverythingOffThePath() {
        String body = "{\"noise\":{\"captcha\":{\"token\":\"wrong\"}},\"list\":[{\"token\":\"no\"}],"
                + "\"captcha\":{\"other\":{\"token\":\"deeper\"},\"token\":\"right\"}}";
        assertEquals("right", find(body, "/captcha/token"));
    }

    @Test
    void readsArrayIndexesAndNumericMemberNames() {
        assertEquals("second", find("{\"items\":[{\"t\":\"first\"},{\"t\":\"second\"}]}", "/items/1/t"));
        assertEquals("by-name", find("{\"items\":{\"1\":{\"t\":\"by-name\"}}}", "/items/1/t"));
        assertEquals("root", find("[\"root\"]", "/0"));
        assertSame(JsonTokenFinder.Found.ABSENT, lookup("{\"items\":[\"a\"]}", "/items/01"));
        assertSame(JsonTokenFinder.Found.ABSENT, lookup("{\"items\":[\"a\"]}", "/items/-"));
    }

    @Test
    void unescapesTheReferenceTokens() {
        assertEquals("x", find("{\"a/b\":{\"m~n\":\"x\"}}", "/a~1b/m~0n"));
        assertEquals("empty", find("{\"\":\"empty\"}", "/"));
    }

    @Test
    void theFirstMatchWinsAndNothingAfterItIsRead() {
        assertEquals("first", find("{\"t\":\"first\",\"t\":\"second\"}", "/t"));
        // Malformed after the token: not our business.
        assertEquals("early", find("{\"t\":\"early\", garbage garbage", "/t"));
        // A duplicate parent whose first occurrence does not contain the token: the later one is searched.
        assertEquals("later", find("{\"c\":{\"x\":1},\"c\":{\"t\":\"later\"}}", "/c/t"));
        assertEquals("later", find("{\"c\":5,\"c\":{\"t\":\"later\"}}", "/c/t"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"t\":42}", "{\"t\":null}", "{\"t\":true}", "{\"t\":{\"v\":\"x\"}}", "{\"t\":[\"x\"]}"})
    void reportsAValueThatIsNotAString(String body) {
        assertSame(JsonTokenFinder.Found.NOT_A_STRING, lookup(body, "/t"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"other\":\"x\"}", "[]", "\"t\"", "42", "null", "{\"a\":{\"t\":\"deeper\"}}"})
    void reportsAnAbsentMember(String body) {
        assertSame(JsonTokenFinder.Found.ABSENT, lookup(body, "/t"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{", "{\"t\"", "{\"a\":[1,2,}", "{'t':'x'}", "<html>", "{\"a\":tru,\"t\":\"x\"}",
        "{\"a\":\"\u0001\",\"t\":\"x\"}"})
    void reportsMalformedJsonBeforeTheToken(String body) {
        assertSame(JsonTokenFinder.Found.MALFORMED, lookup(body, "/t"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":[1,2,}", "{\"a\":[", "{\"a\":{\"b\":1", "{\"a\":{", "[[[[", "{\"a\":[{\"b\":[\"x\""})
    void endsOnBodiesThatStopInsideASkippedValue(String body) {
        // Parsson's own skipArray()/skipObject() never return on these: an upper bound proves we do not hang.
        assertSame(JsonTokenFinder.Found.MALFORMED,
                assertTimeoutPreemptively(Duration.ofSeconds(5), () -> lookup(body, "/t")));
    }

    @Test
    void reportsNestingPastTheParsersLimitAsMalformed() {
        String deep = "[".repeat(20_000) + "]".repeat(20_000);
        assertSame(JsonTokenFinder.Found.MALFORMED, lookup("{\"a\":" + deep + ",\"t\":\"x\"}", "/t"));
    }

    @Test
    void readsMultiByteTextAndOtherUnicodeEncodings() {
        assertEquals("töken€", find("{\"t\":\"töken€\"}", "/t"));
        byte[] utf16 = "{\"t\":\"x\"}".getBytes(StandardCharsets.UTF_16BE);
        assertEquals("x", JsonTokenFinder.find(utf16, utf16.length, JsonPointer.parse("/t").orElseThrow()).value());
    }

    @Test
    void readsOnlyTheGivenLength() {
        byte[] body = "{\"t\":\"x\"}GARBAGE".getBytes(StandardCharsets.UTF_8);
        assertEquals("x", JsonTokenFinder.find(body, 9, JsonPointer.parse("/t").orElseThrow()).value());
    }

    @ParameterizedTest
    @CsvSource(value = {"''", "t", "/a~2", "/a~", "~1"}, quoteCharacter = '\'')
    void refusesInvalidPointers(String pointer) {
        assertTrue(JsonPointer.parse(pointer).isEmpty(), pointer);
    }

    private static String find(String body, String pointer) {
        JsonTokenFinder.Found found = lookup(body, pointer);
        assertTrue(found.value() != null, "nothing found in " + body);
        return found.value();
    }

    private static JsonTokenFinder.Found lookup(String body, String pointer) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return JsonTokenFinder.find(bytes, bytes.length, JsonPointer.parse(pointer).orElseThrow());
    }
}
