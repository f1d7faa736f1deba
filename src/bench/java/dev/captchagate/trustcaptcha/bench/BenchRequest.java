package dev.captchagate.trustcaptcha.bench;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A lean request for the benchmarks: what the filter's decision path touches (method, URI, remote address, headers,
 * content type and length, the body as a stream, attributes), and nothing else. Unlike the tests' {@code
 * TestRequest}, it creates no dynamic proxy per request: every instance wraps one shared proxy that throws
 * {@link UnsupportedOperationException}, so a benchmark fails loudly if the filter calls anything more. It can be
 * {@link #reset()} and used again, so that a benchmark measures the filter rather than the making of requests.
 */
public final class BenchRequest extends HttpServletRequestWrapper {

    private static final HttpServletRequest UNSUPPORTED = (HttpServletRequest) Proxy.newProxyInstance(
            BenchRequest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class},
            (proxy, method, args) -> {
                throw new UnsupportedOperationException("BenchRequest." + method.getName());
            });

    private final String method;
    private final String uri;
    private final Map<String, String> headers = new HashMap<>();
    private final Map<String, Object> attributes = new HashMap<>();
    private final byte[] body;
    private final Stream stream;
    private boolean streamTaken;

    /**
     * A request.
     *
     * @param method the method
     * @param uri the request URI
     * @param body the body (empty for none); its length is declared as Content-Length
     */
    public BenchRequest(String method, String uri, byte[] body) {
        super(UNSUPPORTED);
        this.method = method;
        this.uri = uri;
        this.body = body;
        this.stream = new Stream(body);
    }

    /**
     * Sets a header.
     *
     * @param name the name
     * @param value the value
     * @return this request
     */
    public BenchRequest header(String name, String value) {
        headers.put(name.toLowerCase(Locale.ROOT), value);
        return this;
    }

    /** Makes the request new again: no attributes, the body unread. */
    public void reset() {
        attributes.clear();
        stream.position = 0;
        streamTaken = false;
    }

    @Override
    public String getMethod() {
        return method;
    }

    @Override
    public String getRequestURI() {
        return uri;
    }

    @Override
    public String getRemoteAddr() {
        return "203.0.113.9";
    }

    @Override
    public String getHeader(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public String getContentType() {
        return headers.get("content-type");
    }

    @Override
    public long getContentLengthLong() {
        return body.length;
    }

    @Override
    public int getContentLength() {
        return body.length;
    }

    @Override
    public String getCharacterEncoding() {
        return null;
    }

    @Override
    public ServletInputStream getInputStream() {
        streamTaken = true;
        return stream;
    }

    /**
     * Whether the filter took the body's stream.
     *
     * @return whether {@link #getInputStream()} was called since the last reset
     */
    public boolean streamTaken() {
        return streamTaken;
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        attributes.put(name, value);
    }

    @Override
    public void removeAttribute(String name) {
        attributes.remove(name);
    }

    /** The body as a container hands it out: at most 8 KiB per read, as from a socket buffer. */
    private static final class Stream extends ServletInputStream {
        private final byte[] bytes;
        private int position;

        Stream(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 8192), bytes.length - position);
            System.arraycopy(bytes, position, b, off, n);
            position += n;
            return n;
        }

        @Override
        public boolean isFinished() {
            return position >= bytes.length;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException();
        }
    }
}
