package dev.captchagate.trustcaptcha.bench;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Realistic JSON request bodies for the benchmarks, generated deterministically (a fixed seed): an object with many
 * members of mixed types (strings, some with non-ASCII characters and escapes, integers, decimals, booleans, nulls,
 * nested objects, arrays of numbers and of objects), exactly as many UTF-8 bytes as asked, with the token as the
 * first or as the last member.
 */
public final class Bodies {

    /** The member that carries the token: the library's default JSON Pointer {@code /verificationToken}. */
    public static final String TOKEN_MEMBER = "verificationToken";

    /** No body. */
    public static final byte[] EMPTY = new byte[0];

    private static final String[] NAMES = {"Zoë Müller", "José Núñez", "Łukasz Wróbel", "Ærøskøbing Søren",
        "François Dupré", "Ağca Yılmaz", "Ivan Petrov", "田中 太郎", "Anna Smith", "Chloé O'Brien"};
    private static final String[] CITIES = {"Zürich", "Genève", "München", "Kraków", "Malmö", "São Paulo",
        "Reykjavík", "Düsseldorf", "Besançon", "Basel"};
    private static final String[] STREETS = {"Bahnhofstraße", "Rue de la Paix", "Øster Allé", "Calle Mayor",
        "Main Street", "Hauptgasse"};
    private static final String[] WORDS = {"order", "gift", "express", "fragile", "café", "naïve", "neu", "sale",
        "bio", "größe", "priority", "résumé"};
    private static final String FILLER = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod "
            + "tempor incididunt ut labore et dolore magna aliqua. ";

    private Bodies() {
    }

    /**
     * A token as the widget mints it: standard Base64 of a small JSON object with the verification id.
     *
     * @param verificationId the id
     * @return the token
     */
    public static String token(UUID verificationId) {
        String json = "{\"verificationId\":\"" + verificationId + "\",\"expiresAt\":\"2026-11-23T10:30:31.456Z\"}";
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A JSON object of exactly {@code size} UTF-8 bytes.
     *
     * @param size the length in bytes (at least 512)
     * @param tokenFirst whether the token is the first member (else the last)
     * @param token the token
     * @param seed the seed of the content
     * @return the body
     */
    public static byte[] json(int size, boolean tokenFirst, String token, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String tokenMember = "\"" + TOKEN_MEMBER + "\":\"" + token + "\"";
        // The last filler member "note":"..." brings the body to the exact size.
        int reserve = utf8(tokenMember) + "\"note\":\"\"".length() + 8;
        StringBuilder members = new StringBuilder();
        int bytes = 2; // the braces
        for (int i = 0; ; i++) {
            String member = member(i, random);
            int length = utf8(member) + 1; // and a comma
            if (bytes + length + reserve > size) {
                break;
            }
            members.append(member).append(',');
            bytes += length;
        }
        int padding = size - bytes - utf8(tokenMember) - "\"note\":\"\"".length() - 1;
        StringBuilder note = new StringBuilder(padding);
        while (note.length() < padding) {
            note.append(FILLER, 0, Math.min(FILLER.length(), padding - note.length()));
        }
        String rest = members + "\"note\":\"" + note + "\"";
        String text = tokenFirst ? "{" + tokenMember + "," + rest + "}" : "{" + rest + "," + tokenMember + "}";
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        if (body.length != size) {
            throw new IllegalStateException("generated " + body.length + " bytes, not " + size);
        }
        return body;
    }

    private static String member(int i, SplittableRandom random) {
        switch (i % 10) {
            case 0:
                return "\"customerName" + i + "\":\"" + pick(NAMES, random) + "\"";
            case 1:
                return "\"quantity" + i + "\":" + random.nextInt(1, 1000);
            case 2:
                return "\"amount" + i + "\":" + String.format(Locale.ROOT, "%.2f", random.nextDouble(0, 10_000));
            case 3:
                return "\"giftWrap" + i + "\":" + random.nextBoolean() + ",\"coupon" + i + "\":null";
            case 4:
                return "\"shippingAddress" + i + "\":{\"street\":\"" + pick(STREETS, random) + " " + random.nextInt(1, 200)
                        + "\",\"city\":\"" + pick(CITIES, random) + "\",\"zip\":\"" + random.nextInt(1000, 99999)
                        + "\",\"geo\":{\"lat\":" + String.format(Locale.ROOT, "%.6f", random.nextDouble(-90, 90))
                        + ",\"lon\":" + String.format(Locale.ROOT, "%.6f", random.nextDouble(-180, 180))
                        + "},\"verified\":" + random.nextBoolean() + "}";
            case 5:
                StringBuilder numbers = new StringBuilder("\"history" + i + "\":[");
                for (int n = 0; n < 8; n++) {
                    numbers.append(n == 0 ? "" : ",").append(random.nextInt(-5000, 5000));
                }
                return numbers.append(",1.5e3,-0.25]").toString();
            case 6:
                StringBuilder items = new StringBuilder("\"items" + i + "\":[");
                int count = random.nextInt(1, 4);
                for (int n = 0; n < count; n++) {
                    items.append(n == 0 ? "" : ",").append("{\"sku\":\"SKU-").append(random.nextInt(10000, 99999))
                            .append("\",\"qty\":").append(random.nextInt(1, 10)).append(",\"price\":")
                            .append(String.format(Locale.ROOT, "%.2f", random.nextDouble(1, 500)))
                            .append(",\"tags\":[\"").append(pick(WORDS, random)).append("\",\"")
                            .append(pick(WORDS, random)).append("\"],\"options\":{}}");
                }
                return items.append(']').toString();
            case 7:
                return "\"comment" + i + "\":\"Line one\\nLine \\\"two\\\" \\u00e9t\\u00e9 \\t" + pick(WORDS, random)
                        + " \\/ \\\\ " + pick(CITIES, random) + "\"";
            case 8:
                return "\"sessionId" + i + "\":\"" + new UUID(random.nextLong(), random.nextLong()) + "\"";
            default:
                return "\"meta" + i + "\":{\"source\":\"web\",\"locale\":\"de-CH\",\"flags\":[true,false,null],"
                        + "\"nested\":{\"depth\":{\"level\":3,\"label\":\"" + pick(WORDS, random) + "\"}}}";
        }
    }

    private static String pick(String[] values, SplittableRandom random) {
        return values[random.nextInt(values.length)];
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
