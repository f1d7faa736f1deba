package dev.captchagate.trustcaptcha.it.app;

import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.charset.StandardCharsets;

/**
 * Test application: the server JVM's threads, open files (sockets among them) and heap in use after garbage
 * collection, so that a test can show that a thousand failing calls leave nothing behind.
 *
 * <p>With {@code settle} (at most so many threads outside the HTTP pool), {@code known} (the ids of threads that
 * were there before, comma-separated) and {@code waitMs}, it first waits by condition: it joins the threads that are
 * not known, youngest first, each within what is left of the time, until the count is within the bound (threads
 * still finishing their last reads end) or the time is up.
 */
@WebServlet("/diagnostics")
public class DiagnosticsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getParameter("settle") != null) {
            settle(Integer.parseInt(request.getParameter("settle")), request.getParameter("known"),
                    Long.parseLong(request.getParameter("waitMs")));
        }
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        long openFiles = os instanceof com.sun.management.UnixOperatingSystemMXBean
                ? ((com.sun.management.UnixOperatingSystemMXBean) os).getOpenFileDescriptorCount() : -1;
        java.util.Map<String, Integer> byName = new java.util.TreeMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            byName.merge(thread.getName().replaceAll("[0-9]+", "#"), 1, Integer::sum);
        }
        jakarta.json.JsonObjectBuilder names = Json.createObjectBuilder();
        byName.forEach(names::add);
        jakarta.json.JsonArrayBuilder ids = Json.createArrayBuilder();
        others().forEach(thread -> ids.add(thread.getId()));
        response.setContentType("application/json");
        response.getOutputStream().write(Json.createObjectBuilder()
                .add("threadsByName", names)
                .add("otherThreadIds", ids)
                .add("threads", ManagementFactory.getThreadMXBean().getThreadCount())
                .add("openFiles", openFiles)
                .add("heapUsed", runtime.totalMemory() - runtime.freeMemory())
                .build().toString().getBytes(StandardCharsets.UTF_8));
    }

    private static java.util.List<Thread> others() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !thread.getName().startsWith("http-thread-pool"))
                .sorted(java.util.Comparator.comparingLong(Thread::getId).reversed())
                .toList();
    }

    private static void settle(int most, String known, long waitMs) {
        java.util.Set<Long> before = java.util.Arrays.stream(known.split(",")).filter(id -> !id.isBlank())
                .map(Long::valueOf).collect(java.util.stream.Collectors.toSet());
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(waitMs);
        java.util.List<Thread> others = others();
        for (Thread thread : others) {
            long left = deadline - System.nanoTime();
            if (others().size() <= most || left <= 0) {
                return;
            }
            if (before.contains(thread.getId()) || thread == Thread.currentThread()) {
                continue;
            }
            try {
                thread.join(Math.max(1, java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
