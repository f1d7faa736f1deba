package dev.captchagate.trustcaptcha.internal.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.captchagate.trustcaptcha.testing.TestAsyncContext;
import dev.captchagate.trustcaptcha.testing.TestRequest;
import dev.captchagate.trustcaptcha.testing.TestResponse;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class BufferedRequestTest {

    private static final String FORM = "name=Zo%C3%AB&x=1&x=2";

    @Test
    void replaysTheBytesThroughTheStream() throws IOException {
        byte[] body = "{\"a\":\"\u00e9\u20ac\"}".getBytes(StandardCharsets.UTF_8);
        BufferedRequest request = json(body, null);
        assertArrayEquals(body, request.getInputStream().readAllBytes());
        assertTrue(request.getInputStream().isFinished());
        assertEquals(-1, request.getInputStream().read());
    }

    @Test
    void decodesTheReaderInTheDeclaredCharsetOrIso88591() throws IOException {
        String text = "{\"a\":\"Zoë €\"}";
        assertEquals(text, json(text.getBytes(StandardCharsets.UTF_8), "UTF-8").getReader().readLine());
        byte[] latin = "é".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("é", json(latin, null).getReader().readLine());
        BufferedRequest late = json(text.getBytes(StandardCharsets.UTF_8), null);
        late.setCharacterEncoding("UTF-8");
        assertEquals(text, late.getReader().readLine());
    }

    @Test
    void theStreamAndTheReaderExcludeEachOther() throws IOException {
        BufferedRequest streamFirst = json(new byte[1], null);
        streamFirst.getInputStream();
        assertThrows(IllegalStateException.class, streamFirst::getReader);
        BufferedRequest readerFirst = json(new byte[1], null);
        readerFirst.getReader();
        assertThrows(IllegalStateException.class, readerFirst::getInputStream);
    }

    @Test
    void anUnknownCharsetFailsTheReaderAsInAContainer() {
        BufferedRequest request = json(new byte[1], null);
        assertThrows(UnsupportedEncodingException.class, () -> request.setCharacterEncoding("no-such-charset"));
        BufferedRequest declared = new BufferedRequest(
                taken(TestRequest.withBody("POST", "/", "application/json;charset=x-nope", new byte[1])),
                new TestResponse(),
                new byte[1], null, false, false);
        assertThrows(UnsupportedEncodingException.class, declared::getReader);
    }

    @Test
    void parsesFormParametersLazilyInTheEncodingSetAfterTheFilter() throws IOException {
        BufferedRequest request = form(FORM, null);
        request.setCharacterEncoding("UTF-8");
        assertEquals("Zoë", request.getParameter("name"));
        BufferedRequest latin = form(FORM, null);
        assertEquals("ZoÃ«", latin.getParameter("name"));
    }

    @Test
    void putsQueryValuesBeforeBodyValues() {
        BufferedRequest request = new BufferedRequest(
                taken(TestRequest.withBody("POST", "/", "application/x-www-form-urlencoded", FORM).query("x=0&q=1")),
                new TestResponse(),
                FORM.getBytes(StandardCharsets.US_ASCII), null, true, false);
        assertArrayEquals(new String[] {"0", "1", "2"}, request.getParameterValues("x"));
        assertEquals(List.of("x", "q", "name"), Collections.list(request.getParameterNames()));
        assertEquals("1", request.getParameterMap().get("q")[0]);
        assertNull(request.getParameter("missing"));
    }

    @Test
    void afterTheParametersTheBodyIsConsumed() throws IOException {
        BufferedRequest request = form(FORM, null);
        request.getParameter("x");
        assertEquals(0, request.getInputStream().readAllBytes().length);
    }

    @Test
    void afterTheStreamOnlyTheQueryStringGivesParameters() throws IOException {
        BufferedRequest request = new BufferedRequest(
                taken(TestRequest.withBody("POST", "/", "application/x-www-form-urlencoded", FORM).query("q=1")),
                new TestResponse(),
                FORM.getBytes(StandardCharsets.US_ASCII), null, true, false);
        assertEquals(FORM, new String(request.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
        assertNull(request.getParameter("name"));
        assertEquals("1", request.getParameter("q"));
    }

    @Test
    void aJsonBodyGivesNoParameters() {
        assertNull(json("{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8), null).getParameter("name"));
    }

    @Test
    void setCharacterEncodingAfterReadingHasNoEffect() throws IOException {
        BufferedRequest request = form(FORM, null);
        request.getParameter("name");
        request.setCharacterEncoding("UTF-8");
        assertNull(request.getCharacterEncoding());
    }

    @Test
    void aNonBlockingStreamEndsAsTheContainersDoes() throws IOException {
        // Payara and WildFly: isReady() turns false at the end. Open Liberty: it stays true until read() answered -1.
        assertEquals(List.of("all data read"), specificationLoop(false));
        assertEquals(List.of("-1 while ready", "all data read"), specificationLoop(true));
    }

    /** The events of the specification's listener loop over a replayed body (ParityServlet's, in the ITs). */
    private List<String> specificationLoop(boolean readyUntilEnd) throws IOException {
        List<Runnable> started = new ArrayList<>();
        AsyncContext async = (AsyncContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {AsyncContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("start")) {
                        started.add((Runnable) args[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        BufferedRequest request = new BufferedRequest(
                taken(TestRequest.withBody("POST", "/", "application/json", body).async(async)), new TestResponse(),
                body, null, false, readyUntilEnd);
        ServletInputStream in = request.getInputStream();
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        List<String> events = new ArrayList<>();
        in.setReadListener(new ReadListener() {
            @Override
            public void onDataAvailable() throws IOException {
                byte[] buffer = new byte[4];
                while (in.isReady()) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        events.add("-1 while ready");
                        break;
                    }
                    read.write(buffer, 0, n);
                }
            }

            @Override
            public void onAllDataRead() {
                events.add("all data read");
            }

            @Override
            public void onError(Throwable t) {
                events.add("error " + t);
            }
        });
        while (!started.isEmpty()) {
            started.remove(0).run();
        }
        assertArrayEquals(body, read.toByteArray());
        return events;
    }

    @Test
    void aNonBlockingReaderIsToldEverythingOnAContainerThread() throws IOException {
        List<Runnable> started = new ArrayList<>();
        AsyncContext async = (AsyncContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {AsyncContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("start")) {
                        started.add((Runnable) args[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        BufferedRequest request = new BufferedRequest(
                taken(TestRequest.withBody("POST", "/", "application/json", body).async(async)), new TestResponse(),
                body, null, false, false);
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        List<String> events = new ArrayList<>();
        request.getInputStream().setReadListener(new ReadListener() {
            @Override
            public void onDataAvailable() throws IOException {
                events.add("data");
                read.write(request.getInputStream().readAllBytes());
            }

            @Override
            public void onAllDataRead() {
                events.add("all");
            }

            @Override
            public void onError(Throwable t) {
                events.add("error");
            }
        });
        assertEquals(List.of(), events, "the listener must not run inside setReadListener");
        started.forEach(Runnable::run);
        assertEquals(List.of("data", "all"), events);
        assertArrayEquals(body, read.toByteArray());
    }

    @Test
    void aNonBlockingReaderNeedsAnAsyncRequest() throws IOException {
        BufferedRequest request = json(new byte[1], null);
        ReadListener listener = new ReadListener() {
            @Override
            public void onDataAvailable() {
            }

            @Override
            public void onAllDataRead() {
            }

            @Override
            public void onError(Throwable t) {
            }
        };
        assertThrows(IllegalStateException.class, () -> request.getInputStream().setReadListener(listener));
    }

    @Test
    void startAsyncKeepsThisRequestSoThatADispatchedTargetReadsTheBody() throws IOException {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        HttpServletResponse original = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
        TestRequest container = taken(TestRequest.withBody("POST", "/", "application/json", body)).response(original);
        BufferedRequest request = new BufferedRequest(container, new HttpServletResponseWrapper(original), body, null,
                false, false);
        AsyncContext async = request.startAsync();
        assertSame(request, async.getRequest(), "AsyncContext.dispatch() would hand the target the container's "
                + "request, whose body the filter has read");
        assertSame(original, async.getResponse(), "startAsync() starts with the original (unwrapped) response");
        assertArrayEquals(body, async.getRequest().getInputStream().readAllBytes());
    }

    @Test
    void aWhileIsReadyLoopEndsAtTheEndOfTheBodyAndOnAllDataReadComesOnce() throws IOException {
        byte[] body = new byte[20_000];
        new java.util.Random(7).nextBytes(body);
        BufferedRequest request = json(body, null);
        TestAsyncContext async = (TestAsyncContext) request.startAsync();
        ServletInputStream in = request.getInputStream();
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        List<String> events = new ArrayList<>();
        in.setReadListener(new ReadListener() {
            @Override
            public void onDataAvailable() throws IOException {
                events.add("data");
                byte[] buffer = new byte[4096];
                int spins = 0;
                while (in.isReady()) { // the loop of the servlet specification's examples: no check for -1
                    if (++spins > 1000) {
                        throw new AssertionError("isReady() stays true at the end of the body");
                    }
                    int n = in.read(buffer);
                    if (n > 0) {
                        read.write(buffer, 0, n);
                    }
                }
            }

            @Override
            public void onAllDataRead() {
                events.add("all");
            }

            @Override
            public void onError(Throwable failure) {
                events.add("error: " + failure.getMessage());
            }
        });
        assertEquals(List.of(), events, "the listener must not run inside setReadListener");
        async.runStarted();
        assertEquals(List.of("data", "all"), events);
        assertArrayEquals(body, read.toByteArray());
        assertTrue(in.isFinished());
        assertFalse(in.isReady());
        assertEquals(0, async.runStarted(), "nothing more to tell the listener");
        assertEquals(List.of("data", "all"), events);
    }

    @Test
    void aListenerThatReadsTheEndOutsideACallbackGetsOnAllDataReadOnce() throws IOException {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        BufferedRequest request = json(body, null);
        TestAsyncContext async = (TestAsyncContext) request.startAsync();
        ServletInputStream in = request.getInputStream();
        List<String> events = new ArrayList<>();
        in.setReadListener(new ReadListener() {
            @Override
            public void onDataAvailable() {
                events.add("data"); // reads nothing now: the application reads later, on its own thread
            }

            @Override
            public void onAllDataRead() {
                events.add("all");
            }

            @Override
            public void onError(Throwable failure) {
                events.add("error");
            }
        });
        async.runStarted();
        assertEquals(List.of("data"), events);
        assertArrayEquals(body, in.readAllBytes());
        assertFalse(in.isReady());
        assertFalse(in.isReady());
        async.runStarted();
        assertEquals(List.of("data", "all"), events);
    }

    @Test
    void aSecondReadListenerIsRefused() throws IOException {
        BufferedRequest request = json(new byte[1], null);
        request.startAsync();
        ServletInputStream in = request.getInputStream();
        in.setReadListener(NO_OP);
        assertThrows(IllegalStateException.class, () -> in.setReadListener(NO_OP));
        assertThrows(NullPointerException.class, () -> json(new byte[1], null).getInputStream().setReadListener(null));
    }

    @Test
    void servlet61ReadIntoAByteBufferGivesTheBodyThenMinusOne() throws Exception {
        byte[] body = "0123456789".getBytes(StandardCharsets.US_ASCII);
        ServletInputStream in = json(body, null).getInputStream();
        Method read = in.getClass().getMethod("read", ByteBuffer.class);
        assertTrue(Modifier.isPublic(read.getModifiers()) && read.getReturnType() == int.class,
                "must override Servlet 6.1's public int read(ByteBuffer)");
        read.setAccessible(true);
        ByteBuffer buffer = ByteBuffer.allocate(4);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int n; (n = invoke(read, in, buffer)) != -1; ) {
            assertTrue(n > 0);
            all.write(buffer.array(), 0, buffer.position());
            buffer.clear();
        }
        assertArrayEquals(body, all.toByteArray());
        assertEquals(-1, invoke(read, in, ByteBuffer.allocate(4)), "at the end, -1, not IllegalStateException");
        ServletInputStream fresh = json(body, null).getInputStream();
        assertEquals(0, invoke(read, fresh, ByteBuffer.allocate(0)));
    }

    private static int invoke(Method read, ServletInputStream in, ByteBuffer buffer) throws Exception {
        try {
            return (Integer) read.invoke(in, buffer);
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }

    @Test
    void aFormTheContainerWouldNotParseStaysBytesInEveryOrder() throws IOException {
        byte[] bytes = FORM.getBytes(StandardCharsets.US_ASCII);
        BufferedRequest paramsFirst = new BufferedRequest(
                taken(TestRequest.withBody("PUT", "/", "application/x-www-form-urlencoded", bytes).query("q=1")),
                new TestResponse(), bytes, null, false, false);
        assertNull(paramsFirst.getParameter("name"));
        assertEquals("1", paramsFirst.getParameter("q"));
        assertArrayEquals(bytes, paramsFirst.getInputStream().readAllBytes());
    }

    private static final ReadListener NO_OP = new ReadListener() {
        @Override
        public void onDataAvailable() {
        }

        @Override
        public void onAllDataRead() {
        }

        @Override
        public void onError(Throwable t) {
        }
    };

    private static BufferedRequest json(byte[] body, String charset) {
        String type = "application/json" + (charset == null ? "" : "; charset=" + charset);
        return new BufferedRequest(taken(TestRequest.withBody("POST", "/", type, body)), new TestResponse(), body, null,
                false, false);
    }

    private static BufferedRequest form(String body, String charset) {
        String type = "application/x-www-form-urlencoded" + (charset == null ? "" : "; charset=" + charset);
        byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        return new BufferedRequest(taken(TestRequest.withBody("POST", "/", type, bytes)), new TestResponse(), bytes, null,
                true, false);
    }

    /** The container's request after the filter read its body, as in real use. */
    private static TestRequest taken(TestRequest request) {
        try {
            request.getInputStream().readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return request;
    }
}
