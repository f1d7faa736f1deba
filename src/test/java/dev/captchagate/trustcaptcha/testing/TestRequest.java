package dev.captchagate.trustcaptcha.testing;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.Part;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.lang.reflect.Proxy;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request that behaves like a servlet container's in what the filter touches: a body that can be read once and
 * counts the bytes read, {@code getInputStream}/{@code getReader} excluding each other, parameters from the query
 * string and (until the body was taken as a stream) from a url-encoded body, attributes, and parts.
 * Anything else throws {@link UnsupportedOperationException}, so a test notices when the filter uses more.
 */
public final class TestRequest extends HttpServletRequestWrapper {

    private final String method;
    private final String uri;
    private final String query;
    private final Map<String, String> headers = new HashMap<>();
    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private final byte[] body;
    private final boolean declareLength;
    private long declared = Long.MIN_VALUE;
    private boolean breakOff;
    private String encoding;
    private CountingStream stream;
    private BufferedReader reader;
    private Map<String, Part> parts;
    private boolean multipartConfigured;
    private boolean asyncStarted;
    private AsyncContext asyncContext;
    private ServletResponse response;

    private TestRequest(String method, String uri, String query, byte[] body, boolean declareLength) {
        super(unsupported());
        this.method = method;
        this.uri = uri;
        this.query = query;
        this.body = body;
        this.declareLength = declareLength;
    }

    /** A request without a body. */
    public static TestRequest of(String method, String uri) {
        return new TestRequest(method, uri, null, new byte[0], true);
    }

    /** A request with a body and its Content-Length. */
    public static TestRequest withBody(String method, String uri, String contentType, byte[] body) {
        return new TestRequest(method, uri, null, body, true).header("Content-Type", contentType);
    }

    /** A request with a body and its Content-Length. */
    public static TestRequest withBody(String method, String uri, String contentType, String body) {
        return withBody(method, uri, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A request as it arrives on the wire: a {@code Content-Length} that may lie. A container delivers at most the
     * declared length; when fewer bytes come, the stream ends early or, with {@code breakOff}, fails as a read
     * timeout would.
     *
     * @param declared the declared length, or -1 for a chunked body
     */
    public static TestRequest wire(String method, String uri, String contentType, byte[] bytes, long declared,
                                   boolean breakOff) {
        TestRequest request = new TestRequest(method, uri, null, bytes, declared >= 0);
        request.declared = declared;
        request.breakOff = breakOff;
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return request;
    }

    /** The bytes the container delivers as the body: up to the declared length. */
    public byte[] delivered() {
        return java.util.Arrays.copyOf(body, limit());
    }

    /** Whether reading the body ends in an error instead of its end. */
    public boolean breaksOff() {
        return breakOff && declared > body.length;
    }

    private int limit() {
        return declared >= 0 && declared < body.length ? (int) declared : body.length;
    }

    /** A request with a chunked body: no Content-Length. */
    public static TestRequest chunked(String method, String uri, String contentType, byte[] body) {
        return new TestRequest(method, uri, null, body, false).header("Content-Type", contentType);
    }

    /** The same request with a query string. */
    public TestRequest query(String queryString) {
        TestRequest copy = new TestRequest(method, uri, queryString, body, declareLength);
        copy.headers.putAll(headers);
        return copy;
    }

    /** Sets a header. */
    public TestRequest header(String name, String value) {
        headers.put(name.toLowerCase(Locale.ROOT), value);
        if (name.equalsIgnoreCase("Content-Type") && value != null) {
            int charset = value.toLowerCase(Locale.ROOT).indexOf("charset=");
            if (charset >= 0) {
                encoding = value.substring(charset + 8).strip();
            }
        }
        return this;
    }

    /** Gives the request parts, as a container does for a servlet with multipart configuration. */
    public TestRequest parts(Map<String, String> fields) {
        this.multipartConfigured = true;
        this.parts = new LinkedHashMap<>();
        fields.forEach((name, value) -> parts.put(name, TestPart.of(name, value)));
        return this;
    }

    /** Puts the request in asynchronous mode. */
    public TestRequest async(AsyncContext context) {
        this.asyncStarted = true;
        this.asyncContext = context;
        return this;
    }

    /** How many body bytes were read from the container's stream. */
    public int bytesRead() {
        return stream == null ? 0 : stream.position;
    }

    private static HttpServletRequest unsupported() {
        return (HttpServletRequest) Proxy.newProxyInstance(TestRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException("TestRequest." + method.getName());
                });
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
    public String getQueryString() {
        return query;
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
        if (declared != Long.MIN_VALUE) {
            return declared;
        }
        return declareLength ? body.length : -1;
    }

    @Override
    public int getContentLength() {
        return (int) getContentLengthLong();
    }

    @Override
    public String getCharacterEncoding() {
        return encoding;
    }

    @Override
    public void setCharacterEncoding(String env) throws UnsupportedEncodingException {
        if (reader != null) {
            return;
        }
        if (!Charset.isSupported(env)) {
            throw new UnsupportedEncodingException(env);
        }
        encoding = env;
    }

    @Override
    public ServletInputStream getInputStream() {
        if (reader != null) {
            throw new IllegalStateException("getReader() was called");
        }
        if (stream == null) {
            stream = new CountingStream(Arrays.copyOf(body, limit()), breaksOff());
        }
        return stream;
    }

    @Override
    public BufferedReader getReader() throws UnsupportedEncodingException {
        if (stream != null) {
            throw new IllegalStateException("getInputStream() was called");
        }
        if (reader == null) {
            reader = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body),
                    encoding == null ? "ISO-8859-1" : encoding));
        }
        return reader;
    }

    /** The body a first call of {@link #getParameterMap()} parsed, or null. */
    private String bodyParameters;

    @Override
    public Map<String, String[]> getParameterMap() {
        Map<String, List<String>> values = new LinkedHashMap<>();
        parse(query, values);
        String type = getContentType();
        if (bodyParameters == null && stream == null && reader == null && type != null
                && type.startsWith("application/x-www-form-urlencoded")) {
            bodyParameters = new String(body, StandardCharsets.ISO_8859_1);
            stream = new CountingStream(body, false);
            stream.position = body.length; // the container consumed the body
        }
        if (bodyParameters != null) {
            parse(bodyParameters, values); // parsed once, kept, as a container keeps them
        }
        Map<String, String[]> map = new LinkedHashMap<>();
        values.forEach((name, list) -> map.put(name, list.toArray(new String[0])));
        return Collections.unmodifiableMap(map);
    }

    @Override
    public String getParameter(String name) {
        String[] values = getParameterMap().get(name);
        return values == null ? null : values[0];
    }

    private void parse(String text, Map<String, List<String>> into) {
        if (text == null || text.isEmpty()) {
            return;
        }
        Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), charset);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), charset);
            into.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
    }

    @Override
    public Part getPart(String name) throws IOException, ServletException {
        if (!multipartConfigured) {
            throw new IllegalStateException("no multipart config for the target servlet");
        }
        return parts.get(name);
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

    @Override
    public Enumeration<String> getAttributeNames() {
        return Collections.enumeration(attributes.keySet());
    }

    /** As a container: the original request, and the response given with {@link #response(ServletResponse)}. */
    @Override
    public AsyncContext startAsync() {
        asyncStarted = true;
        asyncContext = new TestAsyncContext(this, response, true);
        return asyncContext;
    }

    @Override
    public AsyncContext startAsync(ServletRequest request, ServletResponse servletResponse) {
        asyncStarted = true;
        asyncContext = new TestAsyncContext(request, servletResponse, request == this && servletResponse == response);
        return asyncContext;
    }

    /** The response that belongs to this request, for {@link #startAsync()}. */
    public TestRequest response(ServletResponse servletResponse) {
        this.response = servletResponse;
        return this;
    }

    @Override
    public boolean isAsyncStarted() {
        return asyncStarted;
    }

    @Override
    public AsyncContext getAsyncContext() {
        if (!asyncStarted) {
            throw new IllegalStateException("not async");
        }
        return asyncContext;
    }

    /** A servlet input stream over bytes that counts what was read. */
    private static final class CountingStream extends ServletInputStream {
        private final byte[] bytes;
        private final boolean breakOff;
        int position;

        CountingStream(byte[] bytes, boolean breakOff) {
            this.bytes = bytes;
            this.breakOff = breakOff;
        }

        @Override
        public int read() throws IOException {
            if (position < bytes.length) {
                return bytes[position++] & 0xff;
            }
            return end();
        }

        private int end() throws IOException {
            if (breakOff) {
                throw new java.net.SocketTimeoutException("the client stopped sending (test)");
            }
            return -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= bytes.length) {
                return end();
            }
            // Like a network: at most 4 KiB per read.
            int n = Math.min(Math.min(len, 4096), bytes.length - position);
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
