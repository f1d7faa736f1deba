package dev.captchagate.trustcaptcha.it;

import static dev.captchagate.trustcaptcha.it.TestWars.apiConfig;
import static dev.captchagate.trustcaptcha.it.TestWars.filter;
import static dev.captchagate.trustcaptcha.it.TestWars.war;
import static dev.captchagate.trustcaptcha.it.TestWars.webXml;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.captchagate.trustcaptcha.it.app.EchoServlet;
import dev.captchagate.trustcaptcha.it.app.ParityServlet;
import dev.captchagate.trustcaptcha.testing.Answer;
import dev.captchagate.trustcaptcha.testing.FakeTrustCaptchaApi;
import dev.captchagate.trustcaptcha.testing.Results;
import dev.captchagate.trustcaptcha.testing.Tokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The differential test of issue 11: what the application reads on a protected path is what it reads on an
 * unprotected path of the same server, for every method (POST, PUT, PATCH, DELETE), content type (JSON, url-encoded,
 * url-encoded with a broken escape before the token, url-encoded spelled {@code Application/X-WWW-Form-URLEncoded},
 * multipart, text, none) and read order (parameters then stream, stream then parameters, reader, async dispatch,
 * ReadListener): the bytes or the text, the parameters, {@code getContentLength}, and the listener's events. Each
 * cell sends the same bytes to both paths, with a token the fake API accepts (a fresh verification id per cell).
 * The multipart cells that differ by design are asserted to differ exactly as documented in the README (section
 * "What the application reads"), not skipped. One deployment, one server start.
 */
@ServerIT
class BodyParityIT {

    private static final String[] METHODS = {"POST", "PUT", "PATCH", "DELETE"};

    @Loopback
    static FakeTrustCaptchaApi fake;

    @ArquillianResource
    private URL deployment;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return war("parity", apiConfig(fake.url()))
                .addClasses(ParityServlet.class, EchoServlet.class)
                .setWebXML(new StringAsset(webXml("", filter("captcha", List.of("/protected/*"), ""))));
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

    @Test
    void parametersThenStream() {
        matrix("params-stream");
    }

    @Test
    void streamThenParameters() {
        matrix("stream-params");
    }

    @Test
    void reader() {
        matrix("reader");
    }

    @Test
    void asyncDispatch() {
        matrix("async");
    }

    @Test
    void readListener() {
        matrix("listener");
    }

    @Test
    void theStartUpLogSaysWhichFormsBecomeParameters() {
        assertTrue(ServerLog.awaitText("TrustCaptcha: url-encoded bodies become request parameters as the Servlet "
                + "specification says: POST only, when the media type is exactly application/x-www-form-urlencoded"),
                "the choice was not logged");
    }

    private void matrix(String read) {
        List<String> failures = new ArrayList<>();
        int compared = 0;
        for (String method : METHODS) {
            for (Body body : Body.values()) {
                String cell = method + " " + body + " " + read;
                String token = human();
                byte[] bytes = body.bytes(token);
                String query = "?q=1&read=" + read;
                String header = body.tokenInHeader() ? token : null;
                HttpResponse<String> open = send("/parity/open/parity" + query, method, body, bytes, header);
                HttpResponse<String> guarded = send("/parity/protected/parity" + query, method, body, bytes, header);
                JsonObject expected;
                if (body == Body.MULTIPART && !method.equals("POST")) {
                    // By design: Payara parses multipart bodies of POST requests only, so the filter cannot read the
                    // token part; it answers 403 token-missing and says to send the token in the header. With the
                    // token in the header, the body is not touched, and the application reads what it would read.
                    String problem = guarded.body();
                    if (guarded.statusCode() != 403 || !problem.contains("\"code\":\"token-missing\"")
                            || !problem.contains("Send the token in the X-TrustCaptcha-Token header")) {
                        failures.add(cell + " (by design): expected 403 token-missing with the header hint, got "
                                + guarded.statusCode() + " " + problem);
                        continue;
                    }
                    guarded = send("/parity/protected/parity" + query, method, body, bytes, human());
                    expected = view(open);
                } else if (body == Body.MULTIPART && !read.equals("params-stream")) {
                    // By design: the filter had the container parse the parts to find the token, so the body is
                    // consumed, as when the application asks for parameters first: the stream and the listener give
                    // 0 bytes, getReader() throws, and the parameters are the parts' fields.
                    HttpResponse<String> paramsFirst = send("/parity/open/parity?q=1&read=params-stream", method, body,
                            bytes, null);
                    expected = multipartConsumed(view(open), view(paramsFirst), read);
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
        System.out.println(read + ": " + compared + " cells compared, " + failures.size() + " differ");
        if (!failures.isEmpty()) {
            fail(failures.size() + " cells differ:\n" + String.join("\n", failures));
        }
    }

    /**
     * The documented view of a POST multipart body whose token the filter read from the parts, for an application
     * that reads the body first: the unprotected path's view, with the body consumed and the parameters the
     * unprotected path gives when the application asks for them first.
     */
    private static JsonObject multipartConsumed(JsonObject open, JsonObject paramsFirst, String read) {
        JsonObjectBuilder params = Json.createObjectBuilder(paramsFirst.getJsonObject("params"));
        params.add("read", Json.createArrayBuilder().add(read));
        JsonObjectBuilder expected = Json.createObjectBuilder(open);
        expected.remove("paramsError");
        expected.add("params", params);
        if (read.equals("reader")) {
            expected.remove("text");
            expected.add("readerError", "IllegalStateException");
        } else {
            expected.add("body", "");
        }
        return expected.build();
    }

    /** What the application read, without the marker of the filter's verification. */
    private static JsonObject view(HttpResponse<String> response) {
        JsonObjectBuilder view = Json.createObjectBuilder(Http.json(response));
        view.remove("verified");
        return view.build();
    }

    private HttpResponse<String> send(String path, String method, Body body, byte[] bytes, String headerToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(Http.at(deployment).uri(path))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (body.contentType != null) {
            request.header("Content-Type", body.contentType);
        }
        if (headerToken != null) {
            request.header("X-TrustCaptcha-Token", headerToken);
        }
        return Http.at(deployment).send(request);
    }

    /** A token whose verification the fake answers with a human result. */
    private static String human() {
        UUID id = UUID.randomUUID();
        fake.answer(id, Answer.result(Results.human(id)));
        return Tokens.of(id);
    }
}
