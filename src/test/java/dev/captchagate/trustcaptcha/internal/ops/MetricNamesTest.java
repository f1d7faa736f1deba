package dev.captchagate.trustcaptcha.internal.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.captchagate.trustcaptcha.internal.client.ClientState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's table of metrics says what the library registers: the same names, types and tags, in order. */
class MetricNamesTest {

    /** A README row: {@code | `name` | type | tags | meaning |}. */
    private static final Pattern ROW = Pattern.compile(
            "(?m)^\\| `(trustcaptcha\\.[^`]+)` \\| ([^|]+?) \\|\\s*([^|]*?)\\s*\\| .+ \\|$");

    @Test
    void theReadmeTableIsTheTableOfMetrics() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("## Operations"), readme.indexOf("## Without the filter"));
        List<String> rows = new ArrayList<>();
        Matcher row = ROW.matcher(section);
        while (row.find()) {
            rows.add(row.group(1) + " " + row.group(2) + " [" + row.group(3).replace("`", "") + "]");
        }
        List<String> model = MetricNames.ALL.stream().map(name -> name.name() + " " + name.type()
                + (name.unit().isEmpty() ? "" : ", " + name.unit()) + " [" + String.join(", ", name.tags()) + "]")
                .toList();
        assertEquals(model, rows);
    }

    @Test
    void theBreakerStatesAreTheOnesTheReadmeNames() {
        assertEquals(List.of("closed", "confirming", "open", "half-open"), ClientState.BREAKER_STATES);
    }
}
