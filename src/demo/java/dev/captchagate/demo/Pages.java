package dev.captchagate.demo;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonWriter;
import jakarta.json.stream.JsonGenerator;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The demo's HTML: templates from {@code WEB-INF/templates} with {@code {{name}}} slots, and escaping. */
final class Pages {

    private static final Pattern SLOT = Pattern.compile("\\{\\{([a-z-]+)}}");

    private Pages() {
    }

    /**
     * Renders a template; every value is inserted as it is, so callers escape text with {@link #text(String)}.
     */
    static String render(ServletContext context, String template, Map<String, String> html) {
        String source;
        try (InputStream in = context.getResourceAsStream("/WEB-INF/templates/" + template)) {
            if (in == null) {
                throw new IllegalStateException("template missing: " + template);
            }
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher slot = SLOT.matcher(source);
        StringBuilder out = new StringBuilder();
        while (slot.find()) {
            String value = html.get(slot.group(1));
            if (value == null) {
                throw new IllegalStateException("no value for {{" + slot.group(1) + "}} in " + template);
            }
            slot.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        slot.appendTail(out);
        return out.toString();
    }

    /** Writes a page. */
    static void write(HttpServletResponse response, String page) throws IOException {
        byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** Text escaped for HTML content and quoted attribute values. */
    static String text(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&':
                    out.append("&amp;");
                    break;
                case '<':
                    out.append("&lt;");
                    break;
                case '>':
                    out.append("&gt;");
                    break;
                case '"':
                    out.append("&quot;");
                    break;
                case '\'':
                    out.append("&#39;");
                    break;
                default:
                    out.append(c);
            }
        }
        return out.toString();
    }

    /** JSON indented for people, or the text as it is when it is not JSON. */
    static String pretty(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonStructure value = reader.read();
            StringWriter out = new StringWriter();
            try (JsonWriter writer = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true))
                    .createWriter(out)) {
                writer.write(value);
            }
            return out.toString().strip();
        } catch (JsonException | IllegalStateException e) {
            return json;
        }
    }
}
