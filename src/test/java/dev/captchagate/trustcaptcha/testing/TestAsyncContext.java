package dev.captchagate.trustcaptcha.testing;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * The asynchronous context {@link TestRequest#startAsync} creates: it keeps the request and response it was started
 * with, and queues what {@link #start(Runnable)} is given, as work for a container thread that the test runs with
 * {@link #runStarted()}.
 */
public final class TestAsyncContext implements AsyncContext {

    private final ServletRequest request;
    private final ServletResponse response;
    private final boolean original;
    private final Queue<Runnable> started = new ArrayDeque<>();

    TestAsyncContext(ServletRequest request, ServletResponse response, boolean original) {
        this.request = request;
        this.response = response;
        this.original = original;
    }

    /** Runs what was started, including what that starts, on the calling thread; returns how many ran. */
    public int runStarted() {
        int ran = 0;
        for (Runnable next; (next = started.poll()) != null; ran++) {
            next.run();
        }
        return ran;
    }

    @Override
    public ServletRequest getRequest() {
        return request;
    }

    @Override
    public ServletResponse getResponse() {
        return response;
    }

    @Override
    public boolean hasOriginalRequestAndResponse() {
        return original;
    }

    @Override
    public void start(Runnable run) {
        started.add(run);
    }

    @Override
    public void dispatch() {
        throw new UnsupportedOperationException("dispatch");
    }

    @Override
    public void dispatch(String path) {
        throw new UnsupportedOperationException("dispatch");
    }

    @Override
    public void dispatch(ServletContext context, String path) {
        throw new UnsupportedOperationException("dispatch");
    }

    @Override
    public void complete() {
        throw new UnsupportedOperationException("complete");
    }

    @Override
    public void addListener(AsyncListener listener) {
        throw new UnsupportedOperationException("addListener");
    }

    @Override
    public void addListener(AsyncListener listener, ServletRequest request, ServletResponse response) {
        throw new UnsupportedOperationException("addListener");
    }

    @Override
    public <T extends AsyncListener> T createListener(Class<T> type) {
        throw new UnsupportedOperationException("createListener");
    }

    @Override
    public void setTimeout(long timeout) {
        throw new UnsupportedOperationException("setTimeout");
    }

    @Override
    public long getTimeout() {
        throw new UnsupportedOperationException("getTimeout");
    }
}
