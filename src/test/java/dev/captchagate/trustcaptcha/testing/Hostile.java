package dev.captchagate.trustcaptcha.testing;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Generates what attackers send: tokens and request bodies of every hostile kind, from a seed, so that a failing
 * case can be made again ({@code -Dhostile.seed=...}). Each generated case says what it is and what a correct
 * filter may conclude from it (which verification ids it carries in a valid token), never what the filter does.
 */
public final class Hostile {

    /** The seed of this run: {@code -Dhostile.seed}, else a fresh one (printed with every failure). */
    public static final long SEED = Long.getLong("hostile.seed", new SplittableRandom().nextLong());

    private final SplittableRandom random;

    private Hostile(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /**
     * A generator.
     *
     * @param stream which of several independent streams of this run's seed
     * @return the generator
     */
    public static Hostile stream(int stream) {
        return new Hostile(SEED * 31 + stream);
    }

    // --- tokens ------------------------------------------------------------------------------------------------------

    /**
     * A token and what it is.
     *
     * @param kind how it was made, for messages
     * @param raw the token as a client would send it
     * @param valid the id when the token is a valid verification token, else null; for fuzzed tokens whose validity
     *     nobody knows, also null with {@code unknown} set
     * @param unknown whether the token was mutated at random, so that it may or may not be valid
     */
    public record Token(String kind, String raw, UUID valid, boolean unknown) {
    }

    /** Any token, valid or hostile. */
    public Token token() {
        UUID id = UUID.randomUUID();
        switch (random.nextInt(22)) {
            case 0:
                return new Token("valid", Tokens.of(id), id, false);
            case 1:
                return new Token("client-failover", Tokens.failover(id), id, false);
            case 2:
                return new Token("api-endpoint", Tokens.base64("{\"apiEndpoint\":\"http://127.0.0.1:9/steal\","
                        + "\"verificationId\":\"" + id + "\"}"), id, false);
            case 3:
                return new Token("empty", "", null, false);
            case 4:
                return new Token("blank", " \t\r\n ".substring(random.nextInt(4)), null, false);
            case 5:
                return new Token("huge", repeat("A", 4097 + random.nextInt(200_000)), null, false);
            case 6:
                return new Token("not-base64", "<>&\"'" + randomText(1 + random.nextInt(100)), null, false);
            case 7:
                return new Token("base64-not-json", base64(randomBytes(1 + random.nextInt(300))), null, true);
            case 8:
                return new Token("json-without-id", Tokens.base64("{\"foo\":\"bar\",\"n\":" + random.nextInt() + "}"),
                        null, false);
            case 9:
                return new Token("api-endpoint-only", Tokens.base64("{\"apiEndpoint\":\"http://127.0.0.1:9\"}"), null,
                        false);
            case 10:
                return new Token("non-string-id", Tokens.base64("{\"verificationId\":" + pick("42", "null", "true",
                        "[\"" + id + "\"]", "{\"id\":\"" + id + "\"}") + "}"), null, false);
            case 11:
                return new Token("not-a-uuid", Tokens.base64("{\"verificationId\":\"" + randomText(20) + "\"}"), null,
                        false);
            case 12:
                return new Token("deep", Tokens.base64("{\"x\":" + repeat("[", 1500) + repeat("]", 1500)
                        + ",\"verificationId\":\"" + id + "\"}"), null, false);
            case 13: {
                String json = "{\"verificationId\":\"" + id + "\",\"more\":[1,2,{\"a\":\"b\"}]}";
                return new Token("truncated-json", Tokens.base64(json.substring(0, 1 + random.nextInt(json.length() - 1))),
                        null, true);
            }
            case 14: {
                String token = Tokens.of(id);
                return new Token("truncated-base64", token.substring(0, 1 + random.nextInt(token.length() - 1)), null,
                        true);
            }
            case 15:
                return new Token("unpadded", Tokens.base64("{\"verificationId\":\"" + id + "\"}x").replace("=", ""),
                        null, true);
            case 16:
                return new Token("lone-surrogate", Tokens.base64("{\"verificationId\":\"" + id + "\",\"s\":\"\\ud800"
                        + (char) 0xD800 + "\"}"), id, false);
            case 17: {
                byte[] json = ("{\"verificationId\":\"" + id + "\",\"s\":\"").getBytes(StandardCharsets.UTF_8);
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                bytes.writeBytes(json);
                bytes.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE});
                bytes.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
                return new Token("invalid-utf8", base64(bytes.toByteArray()), null, true);
            }
            case 18:
                return new Token("duplicate-ids", Tokens.base64("{\"verificationId\":\"" + id + "\","
                        + "\"verificationId\":\"" + UUID.randomUUID() + "\"}"), id, false);
            case 19:
                return new Token("control-characters", Tokens.of(id) + "\u0000\r\nX-Injected: 1", null, false);
            case 20: {
                char[] token = Tokens.of(id).toCharArray();
                token[random.nextInt(token.length)] = (char) random.nextInt(0x20, 0x7f);
                return new Token("flipped", new String(token), null, true);
            }
            default:
                return new Token("trailing-whitespace", Tokens.base64("{\"verificationId\":\"" + id + "\"}\r") + " ", id,
                        false);
        }
    }

    // --- bodies ------------------------------------------------------------------------------------------------------

    /**
     * A request body as it arrives.
     *
     * @param kind how it was made, for messages
     * @param contentType the Content-Type header, may be null
     * @param bytes the bytes on the wire
     * @param declared the declared Content-Length (-1: chunked), which may lie
     * @param breakOff whether the client stops sending before the declared length is reached
     * @param header a token in the token header, or null
     * @param validIds the ids of the valid tokens placed where the filter may find them
     * @param unknown whether a fuzzed token or a mutated body may hold a valid token nobody knows of
     */
    public record Body(String kind, String contentType, byte[] bytes, long declared, boolean breakOff, String header,
                       Set<UUID> validIds, boolean unknown) {

        @Override
        public String toString() {
            return kind + " [" + contentType + ", " + bytes.length + " bytes, declared " + declared
                    + (breakOff ? ", breaks off" : "") + (header == null ? "" : ", header token") + "]";
        }
    }

    /**
     * A request body, JSON or form or something else, with tokens at random places.
     *
     * @param max the filter's body limit, so that some bodies are just under and some just over it
     */
    public Body body(int max) {
        Set<UUID> valid = new HashSet<>();
        boolean[] unknown = {false};
        this.unknownSink = unknown;
        String kind;
        String type;
        byte[] bytes;
        int shape = random.nextInt(10);
        if (shape < 6) {
            kind = "json";
            bytes = json(valid);
            type = pick("application/json", "application/json; charset=UTF-8", "application/vnd.api+json",
                    "APPLICATION/JSON", "application/problem+json");
        } else if (shape < 9) {
            kind = "form";
            bytes = form(valid);
            type = pick("application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=UTF-8");
        } else {
            kind = "other";
            bytes = json(valid);
            valid.clear(); // a token in a body of another type must not be found
            type = pick(null, "text/plain", "application/xml", "application/octet-stream", "text/json", "json",
                    "multipart/form-data; boundary=x");
        }
        if (random.nextInt(4) == 0) {
            kind += "+mutated";
            bytes = mutate(bytes);
            unknown[0] |= !kind.startsWith("other"); // it may break the document before a token, or not
        }
        if (random.nextInt(8) == 0) {
            kind += "+oversized";
            bytes = pad(bytes, max + 1 + random.nextInt(3 * max));
        }
        String header = null;
        if (random.nextInt(6) == 0) {
            Token token = token();
            header = token.raw();
            kind += "+header:" + token.kind();
            if (!token.raw().isBlank()) {
                // A token in the header is the only one looked at.
                valid.clear();
                unknown[0] = token.unknown();
                if (token.valid() != null) {
                    valid.add(token.valid());
                }
            }
        }
        long declared = bytes.length;
        boolean breakOff = false;
        switch (random.nextInt(6)) {
            case 0:
                declared = -1;
                kind += "+chunked";
                break;
            case 1:
                declared = Math.max(0, bytes.length - 1 - random.nextInt(Math.max(1, bytes.length)));
                kind += "+length-too-small";
                break;
            case 2:
                declared = bytes.length + 1 + random.nextInt(100);
                breakOff = random.nextBoolean();
                kind += "+length-too-large";
                break;
            default:
                break;
        }
        if (declared >= 0 && declared < bytes.length) {
            unknown[0] = true; // the container cuts the body short: a token may be cut off, or the document broken
        }
        return new Body(kind, type, bytes, declared, breakOff, header, valid, unknown[0]);
    }

    /** Where the body being generated records that it holds a token of unknown validity. */
    private boolean[] unknownSink = {false};

    private byte[] json(Set<UUID> valid) {
        StringBuilder json = new StringBuilder();
        value(json, 0, 1 + random.nextInt(6), valid, true);
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Appends a JSON value; at the root level it is usually an object so that tokens have a place. */
    private void value(StringBuilder json, int depth, int maxDepth, Set<UUID> valid, boolean root) {
        int kind = root ? (random.nextInt(10) == 0 ? random.nextInt(7) : 0) : random.nextInt(depth >= maxDepth ? 5 : 8);
        switch (kind) {
            case 0: {
                json.append('{');
                int members = random.nextInt(root ? 6 : 4);
                boolean tokenHere = root && random.nextInt(3) != 0;
                int tokenAt = tokenHere ? random.nextInt(members + 1) : -1;
                for (int i = 0; i <= members; i++) {
                    if (i == tokenAt) {
                        separator(json);
                        json.append("\"verificationToken\":");
                        Token token = token();
                        if (random.nextInt(6) == 0) {
                            json.append(pick("42", "null", "true", "[]", "{}", "-1e999"));
                        } else {
                            string(json, token.raw());
                            if (valid.isEmpty()) { // the first member matching the pointer wins
                                unknownSink[0] |= token.unknown();
                                if (token.valid() != null && !token.raw().isBlank()) {
                                    valid.add(token.valid());
                                }
                            }
                        }
                    }
                    if (i < members) {
                        separator(json);
                        string(json, random.nextInt(5) == 0 ? "verificationToken" : randomText(1 + random.nextInt(8)));
                        json.append(':');
                        value(json, depth + 1, maxDepth, valid, false);
                    }
                }
                json.append('}');
                break;
            }
            case 1:
                json.append('[');
                for (int i = random.nextInt(4); i > 0; i--) {
                    value(json, depth + 1, maxDepth, valid, false);
                    json.append(i > 1 ? "," : "");
                }
                json.append(']');
                break;
            case 2:
                string(json, random.nextInt(20) == 0 ? repeat("x", random.nextInt(20_000)) : randomText(random.nextInt(30)));
                break;
            case 3:
                json.append(pick("0", "-1", "3.14", "1e308", "-1e-308", repeat("9", 1 + random.nextInt(400)), "1E+2"));
                break;
            case 4:
                json.append(pick("true", "false", "null"));
                break;
            case 5: {
                int depthOfArrays = 1 + random.nextInt(1200);
                json.append(repeat("[", depthOfArrays)).append(repeat("]", depthOfArrays));
                break;
            }
            default:
                // Written as JSON escapes on purpose: a lone surrogate, a NUL.
                json.append(pick("\"\u00e9\u20ac\u6771\u4eac\"", "\"\uD83D\uDE00\"", "\"\\ud800\"", "\"\\u0000\"",
                        "\"\\\"quoted\\\"\"", "\"back\\\\slash\""));
                break;
        }
    }

    private byte[] form(Set<UUID> valid) {
        StringBuilder form = new StringBuilder();
        int fields = random.nextInt(6);
        int tokenAt = random.nextInt(3) == 0 ? -1 : random.nextInt(fields + 1);
        for (int i = 0; i <= fields; i++) {
            if (i == tokenAt) {
                Token token = token();
                form.append(form.length() == 0 ? "" : "&").append("tc-verification-token=")
                        .append(URLEncoder.encode(token.raw(), StandardCharsets.UTF_8));
                if (valid.isEmpty()) {
                    unknownSink[0] |= token.unknown();
                    if (token.valid() != null && !token.raw().isBlank()) {
                        valid.add(token.valid());
                    }
                }
            }
            if (i < fields) {
                form.append(form.length() == 0 ? "" : "&")
                        .append(pick("name", "tc-verification-token", "x", "%zz", "a%2", "", "=="))
                        .append(random.nextBoolean() ? "=" + URLEncoder.encode(randomText(random.nextInt(20)),
                                StandardCharsets.UTF_8) : "");
            }
        }
        return form.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private byte[] mutate(byte[] bytes) {
        byte[] out = bytes.clone();
        switch (random.nextInt(4)) {
            case 0:
                return java.util.Arrays.copyOf(out, out.length == 0 ? 0 : random.nextInt(out.length)); // truncated
            case 1:
                if (out.length > 0) {
                    out[random.nextInt(out.length)] = (byte) random.nextInt(256);
                }
                return out;
            case 2: {
                byte[] invalid = {(byte) 0xC0, (byte) 0x80, (byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xFF};
                int at = out.length == 0 ? 0 : random.nextInt(out.length);
                ByteArrayOutputStream spliced = new ByteArrayOutputStream();
                spliced.write(out, 0, at);
                spliced.writeBytes(invalid);
                spliced.write(out, at, out.length - at);
                return spliced.toByteArray();
            }
            default:
                return randomBytes(random.nextInt(512));
        }
    }

    private byte[] pad(byte[] bytes, int size) {
        byte[] padded = java.util.Arrays.copyOf(bytes, Math.max(size, bytes.length));
        java.util.Arrays.fill(padded, bytes.length, padded.length, (byte) ' ');
        return padded;
    }

    // --- small parts -------------------------------------------------------------------------------------------------

    private void separator(StringBuilder json) {
        char last = json.charAt(json.length() - 1);
        if (last != '{' && last != '[') {
            json.append(',');
        }
    }

    private static void string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            if (kind < 6) {
                text.append((char) random.nextInt(0x20, 0x7f));
            } else if (kind < 8) {
                text.append((char) random.nextInt(0xa0, 0x3000));
            } else if (kind == 8) {
                text.appendCodePoint(random.nextInt(0x10000, 0x10ffff));
            } else {
                text.append((char) random.nextInt(0xd800, 0xe000)); // lone surrogate halves
            }
        }
        return text.toString();
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static String repeat(String text, int times) {
        return text.repeat(Math.max(0, times));
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

}
