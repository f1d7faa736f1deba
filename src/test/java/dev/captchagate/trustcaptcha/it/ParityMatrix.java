package dev.captchagate.trustcaptcha.it;

import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The differential test of issue 11, for any server: what the application reads on a protected path is what it
 * reads on an unprotected path of the same server, for every method (POST, PUT, PATCH, DELETE), content type (JSON,
 * url-encoded, url-encoded with a broken escape before the token, url-encoded spelled
 * {@code Application/X-WWW-Form-URLEncoded}, multipart, text, none) and read order (parameters then stream, stream
 * then parameters, reader, async dispatch, ReadListener): the bytes or the text, the parameters,
 * {@code getContentLength}, and the listener's events. Each cell sends the same bytes to both paths
 * ({@code ParityServlet} on {@code open/parity} and {@code protected/parity} of one WAR), with a fresh token the fake
 * API accepts. The multipart cells that differ by design are asserted to differ exactly as documented in the README
 * (section "What the application reads"); whether a container parses the multipart body of a method is read off its
 * unprotected path, not assumed.
 */
public final class ParityMatrix {

    private static final String[] METHODS = {"POST", "PUT", "PATCH", "DELETE"};

    private final Http http;
    private final String context;
    private final Supplier<String> human;

    /**
     * @param http the server
     * @param context the WAR's context path, {@code /parity} say
     * @param human a fresh token whose verification the fake API answers with a human result
     */
    public ParityMatrix(Http http, String context, Supplier<String> human) {
        this.http = http;
        this.context = context;
        this.human = human;
    }

    /** The content types of the matrix: how each carries the token. */
    enum Body {
        JSON("application/json; charset=UTF-8"),
        FORM("application/x-www-form-urlencoded"),
        FORM_BROKEN_ESCAPE("application/x-www-form-urlencoded"),
        FORM_ODD_CASE("Application/X-WWW-Form-URLEncoded"),
        MULTIPART("multipart/form-data; boundary=parity-boundary"),
        TEXT("text/plain; charset=UTF-8"),
        NONE(null);

        final String contentType;

        Body(String contentType) {
            this.contentType = contentType;
        }

        boolean tokenInHeader() {
            return this == TEXT || this == NONE;
        }

        byte[] bytes(String token) {
            String form = "id=7&name=Zo%C3%AB&tc-verification-token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                    + "&x=1&x=2";
            switch (this) {
                case JSON:
                    return ("{\"id\":7,\"name\":\"Zoë\",\"verificationToken\":\"" + token + "\"}")
                            .getBytes(StandardCharsets.UTF_8);
                case FORM:
                case FORM_ODD_CASE:
                    return form.getBytes(StandardCharsets.US_ASCII);
                case FORM_BROKEN_ESCAPE:
                    return ("bro%zzken=%zz&" + form).getBytes(StandardCharsets.US_ASCII);
                case MULTIPART:
                    ByteArrayOutputStream body = new ByteArrayOutputStream();
                    for (String[] part : new String[][] {{"id", "7"}, {"tc-verification-token", token},
                        {"name", "Zoë"}}) {
                        body.writeBytes(("--parity-boundary\r\nContent-Disposition: form-data; name=\"" + part[0]
                                + "\"\r\n\r\n" + part[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
                    }
                    body.writeBytes("--parity-boundary--\r\n".getBytes(StandardCharsets.UTF_8));
                    return body.toByteArray();
                case TEXT:
                    return "id=7 and some text: Zoë".getBytes(StandardCharsets.UTF_8);
                default:
                    return "id=7&raw".getBytes(StandardCharsets.US_ASCII);
            }
        }
    }

    /**
     * Runs every method and content type with one read order, and fails with every cell that differs.
     *
     * @param read {@code params-stream}, {@code stream-params}, {@code reader}, {@code async} or {@code listener}
     * @return the number of cells compared
     */
    public int run(String read) {
        List<String> failures = new ArrayList<>();
        int compared = 0;
        int notComparable = 0;
        for (String method : METHODS) {
            for (Body body : Body.values()) {
                String cell = method + " " + body + " " + read;
                String token = human.get();
                byte[] bytes = body.bytes(token);
                String query = "?q=1&read=" + read;
                String header = body.tokenInHeader() ? token : null;
                HttpResponse<String> open = send("/open/parity" + query, method, body, bytes, header);
                if (open.statusCode() == 500 && body == Body.FORM_BROKEN_ESCAPE) {
                    // The container itself fails on this body without the filter (Open Liberty throws when asked for
                    // the parameters of a form with a broken escape): no view to compare with. The filter's path still
                    // verifies and answers (the broken pair left out, as the README says).
                    HttpResponse<String> guarded = send("/protected/parity" + query, method, body, bytes, header);
                    if (guarded.statusCode() != 200 || !Http.json(guarded).getBoolean("verified")) {
                        failures.add(cell + ": the container fails without the filter, and with it the answer is "
                                + guarded.statusCode() + " " + guarded.body());
                    }
                    System.out.println(context + " " + cell + ": not comparable, the unprotected path answers 500");
                    notComparable++;
                    continue;
                }
                HttpResponse<String> guarded = send("/protected/parity" + query, method, body, bytes, header);
                JsonObject expected;
                if (body == Body.MULTIPART && !containerParsesMultipart(method)) {
                    // By design: a container that does not parse the multipart body of this method (Payara parses
                    // POST only) leaves the filter no token part to read; it answers 403 token-missing and says to
                    // send the token in the header. With the token in the header, the body is not touched, and the
                    // application reads what it would read.
                    String problem = guarded.body();
                    if (guarded.statusCode() != 403 || !problem.contains("\"code\":\"token-missing\"")
                            || !problem.contains("Send the token in the X-TrustCaptcha-Token header")) {
                        failures.add(cell + " (by design): expected 403 token-missing with the header hint, got "
                                + guarded.statusCode() + " " + problem);
                        continue;
                    }
                    guarded = send("/protected/parity" + query, method, body, bytes, human.get());
                    expected = view(open);
                } else if (body == Body.MULTIPART && !read.equals("params-stream")) {
                    // By design: the filter had the container parse the parts to find the token, so the body is
                    // consumed, as when the application asks for the parameters first: compared with what the
                    // container gives an application that does that on the unprotected path.
                    HttpResponse<String> paramsFirst = send("/open/parity" + query + "&first=params", method, body,
                            bytes, null);
                    if (read.equals("listener") && paramsFirst.statusCode() != 200
                            && paramsFirst.statusCode() == guarded.statusCode()) {
                        // The container fails that way of reading without the filter too (Undertow answers 500 to a
                        // ReadListener on a multipart body whose parts it has parsed): the same answer.
                        System.out.println(context + " " + cell + ": HTTP " + guarded.statusCode()
                                + " protected, as on the unprotected path with the parameters read first");
                        compared++;
                        continue;
                    }
                    open = paramsFirst;
                    expected = withoutFirst(view(paramsFirst));
                } else {
                    expected = view(open);
                }
                if (open.statusCode() != 200 || guarded.statusCode() != 200) {
                    failures.add(cell + ": HTTP " + open.statusCode() + " unprotected, " + guarded.statusCode()
                            + " protected: " + guarded.body());
                    continue;
                }
                if (!Http.json(guarded).getBoolean("verified") || Http.json(open).getBoolean("verified")) {
                    failures.add(cell + ": the protected request was not verified, or the open one was");
                }
                JsonObject guardedView = view(guarded);
                if (!expected.equals(guardedView)) {
                    failures.add(cell + ":\n  expected  " + expected + "\n  protected " + guardedView
                            + "\n  open      " + view(open));
                }
                compared++;
            }
        }
        System.out.println(context + " " + read + ": " + compared + " cells compared, " + failures.size()
                + " differ, " + notComparable + " not comparable");
        if (compared < 20) {
            fail("only " + compared + " cells could be compared: " + failures);
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " cells differ:\n" + String.join("\n", failures));
        }
        return compared;
    }

    /**
     * Whether the container gives an application the fields of a multipart body of this method as parameters (then
     * the filter reads the token part): asked of the unprotected path, with a body whose field names no token.
     */
    private boolean containerParsesMultipart(String method) {
        String body = "--parity-boundary\r\nContent-Disposition: form-data; name=\"probe\"\r\n\r\nyes\r\n"
                + "--parity-boundary--\r\n";
        HttpResponse<String> answer = send("/open/parity?q=1&read=params-stream", method, Body.MULTIPART,
                body.getBytes(StandardCharsets.UTF_8), null);
        if (answer.statusCode() != 200) {
            throw new AssertionError("the unprotected path answered " + answer.statusCode() + ": " + answer.body());
        }
        JsonObject params = Http.json(answer).getJsonObject("params");
        return params != null && params.containsKey("probe");
    }

    /** A view without the query parameter that asked for the parameters first. */
    private static JsonObject withoutFirst(JsonObject view) {
        JsonObjectBuilder copy = Json.createObjectBuilder(view);
        if (view.containsKey("params")) {
            JsonObjectBuilder params = Json.createObjectBuilder(view.getJsonObject("params"));
            params.remove("first");
            copy.add("params", params);
        }
        return copy.build();
    }

    /** What the application read, without the marker of the filter's verification. */
    private static JsonObject view(HttpResponse<String> response) {
        JsonObjectBuilder view = Json.createObjectBuilder(Http.json(response));
        view.remove("verified");
        return view.build();
    }

    private HttpResponse<String> send(String path, String method, Body body, byte[] bytes, String headerToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(http.uri(context + path))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (body.contentType != null) {
            request.header("Content-Type", body.contentType);
        }
        if (headerToken != null) {
            request.header("X-TrustCaptcha-Token", headerToken);
        }
        return http.send(request);
    }
}
