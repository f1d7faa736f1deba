package dev.captchagate.demo;

import dev.captchagate.trustcaptcha.sandbox.SandboxApi;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Serves the TrustCaptcha sandbox at {@code /sandbox} in sandbox mode: the widget's calls (same origin as the
 * page) and the library's result calls ({@code http://127.0.0.1:<port>/sandbox}). Answers 404 in real mode.
 */
@WebServlet(urlPatterns = DemoMode.SANDBOX_PATH + "/*", asyncSupported = true)
public class SandboxServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient SandboxApi sandbox = new SandboxApi();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!DemoMode.current().sandbox()) {
            response.sendError(404, "The sandbox is off: the demo talks to the real TrustCaptcha.");
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(SandboxApi.MAX_BODY_BYTES + 1);
        }
        if (body.length > SandboxApi.MAX_BODY_BYTES) {
            response.sendError(413);
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, request.getHeader(name));
        }
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        SandboxApi.Response answer = sandbox.handle(new SandboxApi.Request(request.getMethod(), path,
                request.getQueryString(), headers, body, request.getRemoteAddr()));
        response.setStatus(answer.status());
        answer.headers().forEach(response::setHeader);
        byte[] out = answer.body();
        response.setContentLength(out.length);
        response.getOutputStream().write(out);
    }
}
