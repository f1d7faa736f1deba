package dev.captchagate.trustcaptcha.it.portable;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.zip.GZIPInputStream;

/**
 * A small OTLP/HTTP metrics receiver on 127.0.0.1: takes {@code POST /v1/metrics} (protobuf, gzipped or not), decodes
 * it with the protocol's own classes, and keeps the latest value of every data point of one instrumentation scope,
 * named as Prometheus would name it ({@code trustcaptcha_decisions_total{enforced=true,filter=captcha,...}}), so that
 * the same assertions read MicroProfile Metrics' output and this.
 */
public final class OtlpReceiver implements AutoCloseable {

    private final String scope;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final Map<String, Double> latest = new ConcurrentHashMap<>();
    private final Set<String> scopes = ConcurrentHashMap.newKeySet();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private volatile int exports;

    private OtlpReceiver(String scope) throws IOException {
        this.scope = scope;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath()
                        .equals("/v1/metrics")) {
                    problems.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                    try (InputStream unzipped = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
                        body = unzipped.readAllBytes();
                    }
                }
                take(ExportMetricsServiceRequest.parseFrom(body));
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1);
            } catch (RuntimeException | IOException failed) {
                problems.add(failed.toString());
            }
        });
        server.start();
    }

    /**
     * Starts a receiver.
     *
     * @param scope the instrumentation scope whose metrics are kept
     * @return the receiver
     * @throws IOException when no port can be bound
     */
    public static OtlpReceiver start(String scope) throws IOException {
        return new OtlpReceiver(scope);
    }

    /** @return the endpoint to configure, {@code http://127.0.0.1:PORT} */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** @return the latest value of every data point of the scope, by Prometheus-like key */
    public Map<String, Double> latest() {
        return new TreeMap<>(latest);
    }

    /** @return how many exports arrived */
    public int exports() {
        return exports;
    }

    /** @return the instrumentation scopes seen */
    public Set<String> scopes() {
        return Set.copyOf(scopes);
    }

    /** @return requests that were not metrics exports, and failures to decode */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    private void take(ExportMetricsServiceRequest request) {
        for (ResourceMetrics resource : request.getResourceMetricsList()) {
            for (ScopeMetrics scopeMetrics : resource.getScopeMetricsList()) {
                scopes.add(scopeMetrics.getScope().getName());
                if (!scopeMetrics.getScope().getName().equals(scope)) {
                    continue;
                }
                for (Metric metric : scopeMetrics.getMetricsList()) {
                    String name = metric.getName().replace('.', '_').replace('-', '_');
                    switch (metric.getDataCase()) {
                        case SUM -> metric.getSum().getDataPointsList().forEach(point ->
                                latest.put(key(name + "_total", point.getAttributesList()), value(point)));
                        case GAUGE -> metric.getGauge().getDataPointsList().forEach(point ->
                                latest.put(key(name, point.getAttributesList()), value(point)));
                        case HISTOGRAM -> {
                            for (HistogramDataPoint point : metric.getHistogram().getDataPointsList()) {
                                String unit = metric.getUnit().equals("s") ? "_seconds" : "";
                                latest.put(key(name + unit + "_count", point.getAttributesList()),
                                        (double) point.getCount());
                                latest.put(key(name + unit + "_sum", point.getAttributesList()), point.getSum());
                            }
                        }
                        default -> problems.add("unexpected data in " + metric.getName() + ": "
                                + metric.getDataCase());
                    }
                }
            }
        }
        synchronized (this) {
            exports++;
            notifyAll();
        }
    }

    /**
     * Waits until an export has carried a scope, or the deadline passes.
     *
     * @param name the instrumentation scope
     * @param deadline how long to wait at most
     * @return whether it arrived
     * @throws InterruptedException when interrupted
     */
    public synchronized boolean awaitScope(String name, java.time.Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (!scopes.contains(name)) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    private static double value(NumberDataPoint point) {
        return point.getValueCase() == NumberDataPoint.ValueCase.AS_INT ? point.getAsInt() : point.getAsDouble();
    }

    private static String key(String name, List<KeyValue> attributes) {
        Map<String, String> sorted = new TreeMap<>();
        attributes.forEach(attribute -> sorted.put(attribute.getKey(), attribute.getValue().getStringValue()));
        return sorted.isEmpty() ? name : name + sorted.toString().replace(", ", ",");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
