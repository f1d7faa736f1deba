package dev.captchagate.trustcaptcha.internal.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormFieldsTest {

    private static final Charset UTF8 = StandardCharsets.UTF_8;

    @Test
    void findsTheFirstValueOfAField() {
        assertEquals("abc+/=", first("a=1&tc-verification-token=abc%2B%2F%3D&tc-verification-token=2",
                "tc-verification-token"));
        assertEquals("x y", first("t=x+y", "t"));
        assertEquals("", first("a=1&t&b=2", "t"));
        assertEquals("", first("t=", "t"));
    }

    @Test
    void decodesNamesAndValuesInTheCharset() {
        assertEquals("é", first("n%C3%A4me=%C3%A9", "näme"));
        byte[] latin = "t=%E9".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("é", FormFields.first(latin, latin.length, "t", StandardCharsets.ISO_8859_1).value());
    }

    @Test
    void reportsAbsenceAndBrokenEscapes() {
        assertEquals(FormFields.Lookup.ABSENT, lookup("a=1&b=2", "t"));
        assertEquals(FormFields.Lookup.ABSENT, lookup("", "t"));
        assertEquals(FormFields.Lookup.MALFORMED, lookup("t=%4", "t"));
        assertEquals(FormFields.Lookup.MALFORMED, lookup("a%zz=1&b=2", "t"));
        // A broken escape after the field is not read.
        assertEquals("x", first("t=x&a=%zz", "t"));
    }

    @Test
    void aBrokenEscapeHidesOnlyItsOwnPairAsInAContainer() {
        // Payara (and Tomcat) drop the pair with the broken escape and keep the others: so does the token search.
        assertEquals("x", first("a%zz=1&t=x", "t"));
        assertEquals("x", first("a=%zz&t=x", "t"));
        assertEquals("x", first("a=%4&t=x", "t"));
        assertEquals("x", first("t=%zz&t=x", "t"));
        assertEquals("x", first("t%g0=1&t=x", "t"));
        // The first value the container would give is the one the search finds.
        byte[] body = "a=%zz&t=%zz&t=x&t=y".getBytes(UTF8);
        assertEquals(FormFields.all(body, UTF8).get("t").get(0), FormFields.first(body, body.length, "t", UTF8).value());
    }

    @Test
    void listsEveryFieldAsAContainerDoes() {
        byte[] body = "a=1&b=%C3%A9&a=2&&broken=%zz&c&=nameless&d=x+y".getBytes(UTF8);
        Map<String, List<String>> fields = FormFields.all(body, UTF8);
        assertEquals(List.of("a", "b", "c", "d"), List.copyOf(fields.keySet()));
        assertEquals(List.of("1", "2"), fields.get("a"));
        assertEquals(List.of("é"), fields.get("b"));
        assertEquals(List.of(""), fields.get("c"));
        assertEquals(List.of("x y"), fields.get("d"));
        assertTrue(FormFields.all(new byte[0], UTF8).isEmpty());
        assertNull(FormFields.all("broken=%zz".getBytes(UTF8), UTF8).get("broken"));
    }

    private static String first(String body, String name) {
        FormFields.Lookup lookup = lookup(body, name);
        assertTrue(lookup.value() != null, "no value in " + body);
        return lookup.value();
    }

    private static FormFields.Lookup lookup(String body, String name) {
        byte[] bytes = body.getBytes(UTF8);
        return FormFields.first(bytes, bytes.length, name, UTF8);
    }
}
