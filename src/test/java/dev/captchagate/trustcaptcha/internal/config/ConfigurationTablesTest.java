package dev.captchagate.trustcaptcha.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration table and the filter's javadoc table say what the table of keys says: the same keys, in
 * the same order, with the same defaults and the same scope. A key added to {@link Keys} and not documented, a default
 * changed on one side only, or a row for a key that does not exist fails here.
 */
class ConfigurationTablesTest {

    /** A README row: {@code | `key` | default | yes/no | meaning |}. */
    private static final Pattern README_ROW = Pattern.compile("(?m)^\\| `([^`]+)` \\| (.+?) \\| (yes|no) \\| .+ \\|$");

    /** A javadoc row: {@code <tr><td>{@code key}</td><td>default</td><td>yes/no</td>...}, possibly over lines. */
    private static final Pattern JAVADOC_ROW = Pattern.compile(
            "<tr><td>\\{@code ([^}]+)}</td><td>(.+?)</td><td>(yes|no)</td>", Pattern.DOTALL);

    @Test
    void theReadmeTableIsTheTableOfKeys() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("## Configuration"), readme.indexOf("## Protect endpoints"));
        assertEquals(List.copyOf(model().entrySet()), List.copyOf(rows(README_ROW, section).entrySet()));
    }

    @Test
    void theFiltersJavadocTableIsTheTableOfKeys() throws IOException {
        String source = Files.readString(Path.of("src/main/java/dev/captchagate/trustcaptcha/TrustCaptchaFilter.java"));
        String table = source.substring(source.indexOf("<caption>Keys</caption>"), source.indexOf("</table>"));
        assertEquals(List.copyOf(model().entrySet()),
                List.copyOf(rows(JAVADOC_ROW, table.replace("\n * ", " ")).entrySet()));
    }

    /** Each key, in the table's order, as "default | scope". */
    private static Map<String, String> model() {
        Map<String, String> keys = new LinkedHashMap<>();
        for (Key<?> key : Keys.ALL) {
            keys.put(key.name(), key.defaultText() + " | " + (key.scope() == Key.Scope.PER_FILTER ? "yes" : "no"));
        }
        return keys;
    }

    private static Map<String, String> rows(Pattern row, String text) {
        Map<String, String> rows = new LinkedHashMap<>();
        Matcher matcher = row.matcher(text);
        while (matcher.find()) {
            String previous = rows.put(matcher.group(1), plain(matcher.group(2).strip()) + " | " + matcher.group(3));
            assertEquals(null, previous, "documented twice: " + matcher.group(1));
        }
        return rows;
    }

    /** A documented default without its markup: {@code `403`} or {@code {@code 403}} is 403. */
    private static String plain(String text) {
        if (text.startsWith("`") && text.endsWith("`")) {
            return text.substring(1, text.length() - 1);
        }
        if (text.startsWith("{@code ") && text.endsWith("}")) {
            return text.substring("{@code ".length(), text.length() - 1);
        }
        return text;
    }
}
