package dev.captchagate.trustcaptcha.it.app;

import dev.captchagate.trustcaptcha.TrustCaptchaFilter;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.MultipartConfig;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Test application for the differential test: reports what the application reads of a request (the bytes or the
 * text, the parameters, {@code getContentLength}) in the order the query parameter {@code read} names:
 * {@code params-stream}, {@code stream-params}, {@code reader}, {@code async} ({@code startAsync()}, then
 * {@code dispatch()} back here, where the stream and then the parameters are read) or {@code listener} (a
 * {@code ReadListener} reading while {@code isReady()}, then the parameters); with {@code first=params} it asks
 * for the parameters before it reads. Mapped on an unprotected and a
 * protected path of the same WAR; with multipart configuration, so that the filter can read a multipart token.
 */
@WebServlet(urlPatterns = {"/open/parity", "/protected/parity"}, asyncSupported = true)
@MultipartConfig
public class ParityServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String read = request.getQueryString().replaceAll(".*read=([a-z-]+).*", "$1");
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("method", request.getMethod())
                .add("contentLength", request.getContentLength());
        if (request.getQueryString().contains("first=params")) {
            // The application asks for the parameters before it reads the body as the read order says: what the
            // filter's reading of a multipart token leaves it.
            request.getParameterMap();
        }
        switch (read) {
            case "params-stream":
                params(request, json);
                json.add("body", base64(request.getInputStream().readAllBytes()));
                break;
            case "stream-params":
                json.add("body", base64(request.getInputStream().readAllBytes()));
                params(request, json);
                break;
            case "reader":
                try {
                    StringBuilder text = new StringBuilder();
                    char[] buffer = new char[4096];
                    for (int n; (n = request.getReader().read(buffer)) >= 0; ) {
                        text.append(buffer, 0, n);
                    }
                    json.add("text", text.toString());
                } catch (IllegalStateException refused) {
                    json.add("readerError", refused.getClass().getSimpleName());
                }
                params(request, json);
                break;
            case "async":
                if (request.getDispatcherType() != DispatcherType.ASYNC) {
                    request.startAsync().dispatch();
                    return;
                }
                json.add("dispatched", true);
                json.add("body", base64(request.getInputStream().readAllBytes()));
                params(request, json);
                break;
            case "listener":
                listen(request, response, json);
                return;
            default:
                throw new IllegalArgumentException(read);
        }
        answer(request, response, json);
    }

    private static void listen(HttpServletRequest request, HttpServletResponse response, JsonObjectBuilder json)
            throws IOException {
        AsyncContext async = request.startAsync();
        // A listener that the container never calls (Undertow, on a multipart body it has parsed) ends here as a 500.
        async.setTimeout(5_000);
        ServletInputStream in = request.getInputStream();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<String> events = new ArrayList<>();
        in.setReadListener(new ReadListener() {
            @Override
            public void onDataAvailable() throws IOException {
                byte[] buffer = new byte[4096];
                int spins = 0;
                // The loop of the specification's examples. It must end: by isReady() turning false, or at -1.
                while (in.isReady()) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        events.add("-1 while ready");
                        break;
                    }
                    if (n == 0 && ++spins > 10_000) {
                        throw new IOException("isReady() stays true without data");
                    }
                    body.write(buffer, 0, n);
                }
            }

            @Override
            public void onAllDataRead() throws IOException {
                events.add("all data read");
                json.add("body", base64(body.toByteArray()));
                json.add("events", Json.createArrayBuilder(events));
                params(request, json);
                answer(request, response, json);
                async.complete();
            }

            @Override
            public void onError(Throwable failure) {
                events.add("error " + failure);
                json.add("events", Json.createArrayBuilder(events));
                try {
                    answer(request, response, json);
                } catch (IOException ignored) {
                    // the client is gone
                }
                async.complete();
            }
        });
    }

    /** The parameters; or, when the container refuses them (Payara: after getReader() on a multipart body), why. */
    private static void params(HttpServletRequest request, JsonObjectBuilder json) {
        try {
            json.add("params", EchoServlet.params(request));
        } catch (IllegalStateException refused) {
            json.add("paramsError", refused.getClass().getSimpleName());
        }
    }

    private static void answer(HttpServletRequest request, HttpServletResponse response, JsonObjectBuilder json)
            throws IOException {
        json.add("verified", request.getAttribute(TrustCaptchaFilter.RESULT_ATTRIBUTE) != null);
        response.setContentType("application/json");
        response.getOutputStream().write(json.build().toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
