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
 */
@WebServlet("/diagnostics")
public class DiagnosticsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
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
        response.setContentType("application/json");
        response.getOutputStream().write(Json.createObjectBuilder()
                .add("threadsByName", names)
                .add("threads", ManagementFactory.getThreadMXBean().getThreadCount())
                .add("openFiles", openFiles)
                .add("heapUsed", runtime.totalMemory() - runtime.freeMemory())
                .build().toString().getBytes(StandardCharsets.UTF_8));
    }
}
