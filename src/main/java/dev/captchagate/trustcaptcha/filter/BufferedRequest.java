package dev.captchagate.trustcaptcha.filter;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The request as the application sees it after the filter read its body: the identical bytes through
 * {@link #getInputStream()} and {@link #getReader()}, and, for a url-encoded form, the parameters a container would
 * give, parsed only when first asked for, in the character encoding in effect then (so an application that calls
 * {@link #setCharacterEncoding(String)} after the filter gets what it would get without it).
 *
 * <p>It keeps the container's rules: {@code getInputStream()} and {@code getReader()} exclude each other; once the
 * form's parameters were read, the body is consumed (the stream is empty), and once the body was read as a stream,
 * the parameters are those of the query string alone; {@code setCharacterEncoding} after reading has no effect.
 *
 * <p>Usually the whole body was read. In monitor mode a body found too large was read only in part: the bytes read
 * come first, then the rest straight from the container's stream.
 */
final class BufferedRequest extends HttpServletRequestWrapper {

    /** The most bytes of a form read for its parameters, as containers bound it (Payara: 2 MiB). */
    static final int MAX_FORM_BYTES = 2 * 1024 * 1024;

    private static final byte[] CONSUMED = new byte[0];

    private final byte[] head;
    private final ServletInputStream rest;
    private final boolean form;
    private String encoding;
    private BodyStream stream;
    private BufferedReader reader;
    private Map<String, String[]> parameters;
    private boolean bodyUsedForParameters;

    /**
     * Wraps a request whose body was read.
     *
     * @param request the request
     * @param head the body, exactly as received; or, with {@code rest}, its beginning
     * @param rest the container's stream with the rest of the body, or null when {@code head} is all of it
     * @param form whether it is a url-encoded form (whose fields are parameters)
     */
    BufferedRequest(HttpServletRequest request, byte[] head, ServletInputStream rest, boolean form) {
        super(request);
        this.head = head;
        this.rest = rest;
        this.form = form;
    }

    @Override
    public ServletInputStream getInputStream() {
        if (reader != null) {
            throw new IllegalStateException("getReader() has already been called for this request");
        }
        if (stream == null) {
            stream = bodyUsedForParameters ? new BodyStream(CONSUMED, null, this) : new BodyStream(head, rest, this);
        }
        return stream;
    }

    @Override
    public BufferedReader getReader() throws UnsupportedEncodingException {
        if (stream != null) {
            throw new IllegalStateException("getInputStream() has already been called for this request");
        }
        if (reader == null) {
            InputStream body = bodyUsedForParameters ? new BodyStream(CONSUMED, null, this)
                    : new BodyStream(head, rest, this);
            reader = new BufferedReader(new InputStreamReader(body, charset()));
        }
        return reader;
    }

    @Override
    public String getCharacterEncoding() {
        return encoding != null ? encoding : super.getCharacterEncoding();
    }

    @Override
    public void setCharacterEncoding(String name) throws UnsupportedEncodingException {
        if (stream != null || reader != null || parameters != null) {
            return; // too late, as in a container
        }
        forName(name);
        super.setCharacterEncoding(name);
        encoding = name;
    }

    @Override
    public String getParameter(String name) {
        String[] values = parameters().get(name);
        return values == null ? null : values[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return parameters();
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(parameters().keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
        String[] values = parameters().get(name);
        return values == null ? null : values.clone();
    }

    private Map<String, String[]> parameters() {
        if (parameters == null) {
            // The container has only the query string left: the filter took the body from it.
            Map<String, String[]> merged = new LinkedHashMap<>(super.getParameterMap());
            if (form && stream == null && reader == null) {
                bodyUsedForParameters = true;
                Charset charset;
                try {
                    charset = charset();
                } catch (UnsupportedEncodingException unknown) {
                    charset = StandardCharsets.ISO_8859_1;
                }
                for (Map.Entry<String, List<String>> field : FormFields.all(wholeForm(), charset).entrySet()) {
                    String[] fromQuery = merged.get(field.getKey());
                    String[] fromBody = field.getValue().toArray(new String[0]);
                    merged.put(field.getKey(), fromQuery == null ? fromBody : concat(fromQuery, fromBody));
                }
            }
            parameters = Collections.unmodifiableMap(merged);
        }
        return parameters;
    }

    /** The form, with the rest read when only its beginning was: up to the bound a container keeps to. */
    private byte[] wholeForm() {
        if (rest == null) {
            return head;
        }
        try {
            byte[] tail = rest.readNBytes(MAX_FORM_BYTES - head.length);
            byte[] all = Arrays.copyOf(head, head.length + tail.length);
            System.arraycopy(tail, 0, all, head.length, tail.length);
            return all;
        } catch (IOException unreadable) {
            return head; // as a container does when the body breaks off: the parameters it could read
        }
    }

    private static String[] concat(String[] first, String[] second) {
        String[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    /** The request's charset: the one set or declared, else ISO-8859-1 as the servlet specification says. */
    Charset charset() throws UnsupportedEncodingException {
        String name = getCharacterEncoding();
        return name == null ? StandardCharsets.ISO_8859_1 : forName(name);
    }

    private static Charset forName(String name) throws UnsupportedEncodingException {
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
            throw new UnsupportedEncodingException(name);
        }
    }

    /** The body as a servlet stream, blocking and non-blocking: the bytes read, then the rest, if any. */
    private static final class BodyStream extends ServletInputStream {
        private final byte[] head;
        private final ServletInputStream rest;
        private final HttpServletRequest request;
        private int position;

        BodyStream(byte[] head, ServletInputStream rest, HttpServletRequest request) {
            this.head = head;
            this.rest = rest;
            this.request = request;
        }

        private boolean headLeft() {
            return position < head.length;
        }

        @Override
        public int read() throws IOException {
            if (headLeft()) {
                return head[position++] & 0xff;
            }
            return rest == null ? -1 : rest.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (!headLeft()) {
                return rest == null ? -1 : rest.read(buffer, offset, length);
            }
            int count = Math.min(length, head.length - position);
            System.arraycopy(head, position, buffer, offset, count);
            position += count;
            return count;
        }

        @Override
        public int available() throws IOException {
            return headLeft() ? head.length - position : rest == null ? 0 : rest.available();
        }

        @Override
        public boolean isFinished() {
            return !headLeft() && (rest == null || rest.isFinished());
        }

        @Override
        public boolean isReady() {
            return headLeft() || rest == null || rest.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            if (listener == null) {
                throw new NullPointerException("listener");
            }
            if (!request.isAsyncStarted()) {
                throw new IllegalStateException("non-blocking reads need an asynchronous request");
            }
            if (rest != null) {
                // The container calls back as the rest arrives; each call may read the bytes read before first.
                rest.setReadListener(new ReadListener() {
                    @Override
                    public void onDataAvailable() throws IOException {
                        listener.onDataAvailable();
                    }

                    @Override
                    public void onAllDataRead() throws IOException {
                        if (headLeft()) {
                            listener.onDataAvailable();
                        }
                        listener.onAllDataRead();
                    }

                    @Override
                    public void onError(Throwable failure) {
                        listener.onError(failure);
                    }
                });
                return;
            }
            // Everything is here already: tell the listener on a container thread, as the container would.
            request.getAsyncContext().start(() -> {
                try {
                    if (!isFinished()) {
                        listener.onDataAvailable();
                    }
                    listener.onAllDataRead();
                } catch (Throwable failure) {
                    listener.onError(failure);
                }
            });
        }
    }
}
