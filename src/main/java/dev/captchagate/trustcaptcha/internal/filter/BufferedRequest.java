package dev.captchagate.trustcaptcha.internal.filter;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.nio.ByteBuffer;
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
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The request as the application sees it after the filter read its body: the identical bytes through
 * {@link #getInputStream()} and {@link #getReader()}, blocking or with a {@link ReadListener}, and, for a
 * url-encoded body that the container would turn into parameters ({@link ContainerForms}), those parameters, parsed
 * only when first asked for, in the character encoding in effect then (so an application that calls
 * {@link #setCharacterEncoding(String)} after the filter gets what it would get without it). A body the container
 * would not parse (a PUT form on Payara, say) stays bytes: the parameters are the query string's, and the stream
 * replays the whole body, whatever the order of the calls.
 *
 * <p>It keeps the container's rules: {@code getInputStream()} and {@code getReader()} exclude each other; once the
 * form's parameters were read, the body is consumed (the stream is empty), and once the body was read as a stream,
 * the parameters are those of the query string alone; {@code setCharacterEncoding} after reading has no effect.
 * {@link #startAsync()} keeps this request in the asynchronous context, so that {@code AsyncContext.dispatch()} hands
 * the target this request, whose body replays, and not the container's, whose body the filter has read.
 *
 * <p>Usually the whole body was read. In monitor mode a body found too large was read only in part: the bytes read
 * come first, then the rest straight from the container's stream.
 */
final class BufferedRequest extends HttpServletRequestWrapper {

    /** The most bytes of a form read for its parameters, as containers bound it (Payara: 2 MiB). */
    static final int MAX_FORM_BYTES = 2 * 1024 * 1024;

    private static final byte[] CONSUMED = new byte[0];

    private final ServletResponse response;
    private final byte[] head;
    private final ServletInputStream rest;
    private final boolean form;
    private String encoding;
    private BodyStream stream;
    private BufferedReader reader;
    private Map<String, String[]> parameters;
    /** Whether the container's non-blocking stream stays ready at the end until read() answers -1 (Open Liberty). */
    private final boolean readyUntilEnd;
    private boolean bodyUsedForParameters;

    /**
     * Wraps a request whose body was read.
     *
     * @param request the request
     * @param response the response the filter was given, for {@link #startAsync()}
     * @param head the body, exactly as received; or, with {@code rest}, its beginning
     * @param rest the container's stream with the rest of the body, or null when {@code head} is all of it
     * @param form whether the container would turn the body into parameters (a url-encoded form it parses)
     * @param readyUntilEnd whether the container's non-blocking stream stays ready at its end until {@code read()}
     *     has answered -1 (Open Liberty's does; the others' turn not ready)
     */
    BufferedRequest(HttpServletRequest request, ServletResponse response, byte[] head, ServletInputStream rest,
                    boolean form, boolean readyUntilEnd) {
        super(request);
        this.response = unwrapped(response);
        this.head = head;
        this.rest = rest;
        this.form = form;
        this.readyUntilEnd = readyUntilEnd;
    }

    /**
     * Starts asynchronous processing with this request, whose body replays, and the original response: as the
     * container's {@code startAsync()} does with the original request and response.
     */
    @Override
    public AsyncContext startAsync() {
        return super.startAsync(this, response);
    }

    private static ServletResponse unwrapped(ServletResponse response) {
        ServletResponse original = response;
        while (original instanceof ServletResponseWrapper wrapper) {
            original = wrapper.getResponse();
        }
        return original;
    }

    @Override
    public ServletInputStream getInputStream() {
        if (reader != null) {
            throw new IllegalStateException("getReader() has already been called for this request");
        }
        if (stream == null) {
            stream = bodyUsedForParameters ? new BodyStream(CONSUMED, null) : new BodyStream(head, rest);
        }
        return stream;
    }

    @Override
    public BufferedReader getReader() throws UnsupportedEncodingException {
        if (stream != null) {
            throw new IllegalStateException("getInputStream() has already been called for this request");
        }
        if (reader == null) {
            InputStream body = bodyUsedForParameters ? new BodyStream(CONSUMED, null) : new BodyStream(head, rest);
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
            byte[] tail = rest.readNBytes(Math.max(0, MAX_FORM_BYTES - head.length));
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

    /**
     * The body as a servlet stream, blocking and non-blocking: the bytes read, then the rest, if any. In non-blocking
     * mode it behaves as the containers' streams do: {@code isReady()} is true while bytes are left and false at the
     * end (so that a {@code while (in.isReady())} loop ends), the listener is called on a container thread, never
     * inside {@code setReadListener}, {@code onDataAvailable} first when bytes are left, and {@code onAllDataRead}
     * exactly once, when the end was reached.
     */
    private final class BodyStream extends ServletInputStream {
        private final byte[] head;
        private final ServletInputStream rest;
        private final AtomicBoolean endScheduled = new AtomicBoolean();
        private final AtomicBoolean allDataRead = new AtomicBoolean();
        private int position;
        private volatile ReadListener listener;
        private volatile boolean delivering;
        private volatile boolean endRead;

        BodyStream(byte[] head, ServletInputStream rest) {
            this.head = head;
            this.rest = rest;
        }

        private boolean headLeft() {
            return position < head.length;
        }

        @Override
        public int read() throws IOException {
            if (headLeft()) {
                return head[position++] & 0xff;
            }
            if (rest == null) {
                endRead = true;
                return -1;
            }
            return rest.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, buffer.length);
            if (length == 0) {
                return 0;
            }
            if (!headLeft()) {
                if (rest == null) {
                    endRead = true;
                    return -1;
                }
                return rest.read(buffer, offset, length);
            }
            int count = Math.min(length, head.length - position);
            System.arraycopy(head, position, buffer, offset, count);
            position += count;
            return count;
        }

        /**
         * Servlet 6.1's {@code read(ByteBuffer)}, declared here for servers that have it (this library compiles
         * against Servlet 6.0): its default throws when {@code isReady()} is false, which it is at the end of the
         * body; this one returns -1 there, as a container's stream does.
         *
         * @param buffer where to put the bytes
         * @return how many bytes were read, 0 when the buffer has no room, -1 at the end of the body
         * @throws IOException when reading the rest of the body from the container fails
         * @throws IllegalStateException in non-blocking mode, when no bytes are ready yet
         */
        public int read(ByteBuffer buffer) throws IOException {
            Objects.requireNonNull(buffer, "buffer");
            if (isFinished()) {
                endRead = true;
                return -1;
            }
            if (listener != null && !isReady()) {
                // Only in non-blocking mode: a blocking read of the rest waits for it, as the container's would.
                throw new IllegalStateException("no bytes are ready: wait for onDataAvailable");
            }
            if (!buffer.hasRemaining()) {
                return 0;
            }
            if (headLeft()) {
                int count = Math.min(buffer.remaining(), head.length - position);
                buffer.put(head, position, count);
                position += count;
                return count;
            }
            byte[] bytes = new byte[Math.min(buffer.remaining(), 8192)];
            int count = rest.read(bytes, 0, bytes.length);
            if (count > 0) {
                buffer.put(bytes, 0, count);
            }
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
            if (headLeft()) {
                return true;
            }
            if (rest != null) {
                return rest.isReady();
            }
            if (listener != null && !delivering && !allDataRead.get() && endScheduled.compareAndSet(false, true)) {
                // The listener read the end outside a callback and now waits for one: tell it, as a container does.
                getAsyncContext().start(this::deliver);
            }
            // At the end, as the container's own stream: Open Liberty's stays ready until read() has answered -1.
            return readyUntilEnd && listener != null && !allDataRead.get() && !endRead;
        }

        @Override
        public void setReadListener(ReadListener readListener) {
            Objects.requireNonNull(readListener, "listener");
            if (!isAsyncStarted()) {
                throw new IllegalStateException("non-blocking reads need an asynchronous request");
            }
            if (listener != null) {
                throw new IllegalStateException("a ReadListener is already set");
            }
            listener = readListener;
            if (rest != null) {
                // The container calls back as the rest arrives; each call may read the bytes read before first.
                rest.setReadListener(new ReadListener() {
                    @Override
                    public void onDataAvailable() throws IOException {
                        readListener.onDataAvailable();
                    }

                    @Override
                    public void onAllDataRead() throws IOException {
                        if (headLeft()) {
                            readListener.onDataAvailable();
                        }
                        if (allDataRead.compareAndSet(false, true)) {
                            readListener.onAllDataRead();
                        }
                    }

                    @Override
                    public void onError(Throwable failure) {
                        readListener.onError(failure);
                    }
                });
                return;
            }
            // Everything is here already: tell the listener on a container thread, as the container would.
            getAsyncContext().start(this::deliver);
        }

        private void deliver() {
            ReadListener target = listener;
            delivering = true;
            try {
                if (!isFinished()) {
                    target.onDataAvailable();
                }
                // A listener that stopped reading while bytes were ready is not called again, as in a container;
                // onAllDataRead comes when it has read the end (here, or when it next asks isReady()).
                if (isFinished() && allDataRead.compareAndSet(false, true)) {
                    target.onAllDataRead();
                }
            } catch (Throwable failure) {
                target.onError(failure);
            } finally {
                delivering = false;
            }
        }
    }
}
