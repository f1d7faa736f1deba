package dev.captchagate.trustcaptcha.bench;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.lang.reflect.Proxy;

/**
 * A response for benchmarks of requests that pass: the filter must not touch it, and any call throws
 * {@link UnsupportedOperationException}.
 */
public final class BenchResponse extends HttpServletResponseWrapper {

    private static final HttpServletResponse UNSUPPORTED = (HttpServletResponse) Proxy.newProxyInstance(
            BenchResponse.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class},
            (proxy, method, args) -> {
                throw new UnsupportedOperationException("BenchResponse." + method.getName());
            });

    /** The response. */
    public BenchResponse() {
        super(UNSUPPORTED);
    }
}
