package dev.captchagate.trustcaptcha.testing;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A response that records status, headers and body; anything else throws {@link UnsupportedOperationException}. */
public final class TestResponse extends HttpServletResponseWrapper {

    private final Map<String, String> headers = new LinkedHashMap<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int status = 200;
    private String contentType;
    private long contentLength = -1;
    private boolean committed;

    public TestResponse() {
        super((HttpServletResponse) Proxy.newProxyInstance(TestResponse.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException("TestResponse." + method.getName());
                }));
    }

    /** Marks the response as committed, as if the application had already written. */
    public TestResponse committed() {
        committed = true;
        return this;
    }

    /** The body written. */
    public String body() {
        return body.toString(StandardCharsets.UTF_8);
    }

    /** How many bytes of body were written. */
    public int bodyLength() {
        return body.size();
    }

    /** The declared length. */
    public long contentLength() {
        return contentLength;
    }

    @Override
    public void setStatus(int sc) {
        status = sc;
    }

    @Override
    public int getStatus() {
        return status;
    }

    @Override
    public void setHeader(String name, String value) {
        headers.put(name.toLowerCase(Locale.ROOT), value);
    }

    @Override
    public String getHeader(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public void setContentType(String type) {
        contentType = type;
    }

    @Override
    public String getContentType() {
        return contentType;
    }

    @Override
    public void setContentLength(int len) {
        contentLength = len;
    }

    @Override
    public void setContentLengthLong(long len) {
        contentLength = len;
    }

    @Override
    public boolean isCommitted() {
        return committed;
    }

    @Override
    public ServletOutputStream getOutputStream() {
        return new ServletOutputStream() {
            @Override
            public void write(int b) {
                body.write(b);
            }

            @Override
            public void flush() {
                committed = true;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
