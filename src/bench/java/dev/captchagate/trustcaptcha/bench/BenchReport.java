package dev.captchagate.trustcaptcha.bench;

import jakarta.json.Json;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Version;

/**
 * Runs the JMH benchmarks with the GC profiler ({@code -prof gc}) and writes {@code docs/perf/jmh.md}: a table per
 * benchmark, the targets of issue 6 computed from this run, the machine and the settings. Started by
 * {@code mvn -B -Pbench verify}, which passes the settings as system properties ({@code bench.*}).
 */
public final class BenchReport {

    /** "A few KiB": the allocation target is the body size plus this. */
    static final int FEW_KIB = 4 * 1024;

    private static final String EXTRACTION = "dev.captchagate.trustcaptcha.internal.filter.JsonExtractionBenchmark.";
    private static final String DECISION = "dev.captchagate.trustcaptcha.internal.filter.RequestCheckBenchmark.";

    private BenchReport() {
    }

    /** One benchmark's figures. */
    record Row(String benchmark, Map<String, String> params, double score, double error, String unit,
               double allocPerOp) {

        String method() {
            return benchmark.substring(benchmark.lastIndexOf('.') + 1);
        }

        String param(String name) {
            return params.getOrDefault(name, "");
        }

        /** The least the score can be within its error: scores are times, so this is the fast end. */
        double low() {
            return Math.max(0, score - error);
        }

        double high() {
            return score + error;
        }
    }

    /**
     * Runs the benchmarks and writes the report.
     *
     * @param args none
     * @throws RunnerException when JMH fails
     * @throws IOException when the report cannot be written
     */
    public static void main(String[] args) throws RunnerException, IOException {
        String include = System.getProperty("bench.include", "Benchmark");
        int forks = Integer.getInteger("bench.forks", 3);
        int warmups = Integer.getInteger("bench.warmups", 3);
        int warmupTime = Integer.getInteger("bench.warmup.time", 1);
        int iterations = Integer.getInteger("bench.iterations", 5);
        int iterationTime = Integer.getInteger("bench.iteration.time", 1);
        String jvmArgs = System.getProperty("bench.jvm.args", "").strip();
        Path report = Path.of(System.getProperty("bench.report", "docs/perf/jmh.md"));
        String json = System.getProperty("bench.json", "target/jmh-result.json");

        OptionsBuilder builder = new OptionsBuilder();
        builder.include(include)
                .forks(forks)
                .warmupIterations(warmups)
                .warmupTime(TimeValue.seconds(warmupTime))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(iterationTime))
                .threads(1)
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .result(json)
                .resultFormat(ResultFormatType.JSON);
        if (!jvmArgs.isEmpty()) {
            builder.jvmArgsAppend(jvmArgs.split("\\s+"));
        }
        Options options = builder.build();

        String loadBefore = loadAverage();
        long[] cpuBefore = cpuTicks();
        Instant start = Instant.now();
        Collection<RunResult> results = new Runner(options).run();
        Duration took = Duration.between(start, Instant.now());
        long[] cpuAfter = cpuTicks();
        String loadAfter = loadAverage();

        List<Row> rows = new ArrayList<>();
        for (RunResult result : results) {
            Result<?> primary = result.getPrimaryResult();
            Map<String, String> params = new java.util.LinkedHashMap<>();
            if (result.getParams().getParamsKeys() != null) {
                for (String key : result.getParams().getParamsKeys()) {
                    params.put(key, result.getParams().getParam(key));
                }
            }
            double alloc = Double.NaN;
            for (String label : result.getSecondaryResults().keySet()) {
                if (label.endsWith("gc.alloc.rate.norm")) {
                    Result<?> norm = result.getSecondaryResults().get(label);
                    alloc = norm.getScore();
                }
            }
            rows.add(new Row(result.getParams().getBenchmark(), params, primary.getScore(), primary.getScoreError(),
                    primary.getScoreUnit(), alloc));
        }

        String settings = String.format(Locale.ROOT, "JMH %s; mode average time (ns/op), 1 thread; %d forks, each "
                + "%d warm-up iterations of %d s then %d measured iterations of %d s; `-prof gc` (GCProfiler); "
                + "forked JVM arguments: `%s`", Version.getPlainVersion(), forks, warmups, warmupTime, iterations,
                iterationTime, jvmArgs.isEmpty() ? "(none)" : jvmArgs);
        String busy = cpuBefore == null || cpuAfter == null ? "unknown" : String.format(Locale.ROOT, "%.0f%%",
                100.0 * (cpuAfter[0] - cpuBefore[0]) / Math.max(1, cpuAfter[1] - cpuBefore[1]));
        String text = markdown(rows, settings, loadBefore, loadAfter, busy, start, took);
        Files.createDirectories(report.toAbsolutePath().getParent());
        Files.writeString(report, text, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(text);
        System.out.println("Report written to " + report.toAbsolutePath());
    }

    static String markdown(List<Row> rows, String settings, String loadBefore, String loadAfter, String busy,
                           Instant start, Duration took) {
        StringBuilder md = new StringBuilder();
        md.append("# JMH micro-benchmarks\n\n")
                .append("Generated by `mvn -B -Pbench verify` (benchmarks in `src/bench/java`, runner ")
                .append("`dev.captchagate.trustcaptcha.bench.BenchReport`). Do not edit: run the command again. ")
                .append("Times are JMH's average time per operation; ± is JMH's 99.9% confidence half-interval; ")
                .append("allocation is `gc.alloc.rate.norm` from `-prof gc` (bytes allocated per operation).\n\n");

        md.append("## Machine and settings\n\n| | |\n|---|---|\n")
                .append("| date | ").append(DateTimeFormatter.ISO_INSTANT.format(start.atOffset(ZoneOffset.UTC)
                        .withNano(0).toInstant())).append(" |\n")
                .append("| cores (`nproc`) | ").append(Runtime.getRuntime().availableProcessors()).append(" |\n")
                .append("| memory | ").append(memory()).append(" |\n")
                .append("| CPU | ").append(cpuModel()).append(" |\n")
                .append("| JVM | ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append(" (")
                .append(System.getProperty("java.vm.vendor")).append(") |\n")
                .append("| JSON implementations | ").append(jarOf(JsonbBuilder.create().getClass())).append(", ")
                .append(jarOf(Json.createParserFactory(Map.of()).getClass())).append(" |\n")
                .append("| JMH settings | ").append(settings).append(" |\n")
                .append("| run time | ").append(took.toMinutes()).append(" min ").append(took.toSecondsPart())
                .append(" s |\n")
                .append("| load | load average (1, 5, 15 min) at start ").append(loadBefore).append(", at end ")
                .append(loadAfter).append("; all cores together were ").append(busy)
                .append(" busy during the run, of which the benchmark itself keeps about one core (")
                .append(100 / Math.max(1, Runtime.getRuntime().availableProcessors()))
                .append("%) busy. Other builds may have run on the machine at the same time. |\n\n");

        List<Row> extraction = rows.stream().filter(row -> row.benchmark().startsWith(EXTRACTION)).toList();
        List<Row> decision = rows.stream().filter(row -> row.benchmark().startsWith(DECISION)).toList();

        if (!extraction.isEmpty()) {
            targets(md, extraction);
            md.append("## Token extraction from a JSON body (`JsonExtractionBenchmark`)\n\n")
                    .append("`streamingPointer` is the library's `JsonTokenFinder` (a streaming JSON-P parser that ")
                    .append("follows `/verificationToken` and stops at it); `jsonbBindMap` binds the whole document ")
                    .append("with JSON-B into `Map`/`List` (the full bind); `jsonbBindClass` binds it into a class ")
                    .append("with only the token member (JSON-B still reads the whole document); `jsonpObjectTree` ")
                    .append("reads the JSON-P object tree. Bodies: one object of many members of mixed types ")
                    .append("(strings, some non-ASCII and escaped, numbers, booleans, nulls, nested objects and ")
                    .append("arrays), generated with a fixed seed, exactly 1024 or 65536 UTF-8 bytes, the token ")
                    .append("the first or the last member.\n\n")
                    .append("| body | token | way | time/op | ± | ops/s | alloc/op | alloc − body | ")
                    .append("time vs streaming |\n|---|---|---|---:|---:|---:|---:|---:|---:|\n");
            for (String size : List.of("1024", "65536")) {
                for (String position : List.of("first", "last")) {
                    Optional<Row> streaming = find(extraction, "streamingPointer", size, position);
                    for (String way : List.of("streamingPointer", "jsonbBindMap", "jsonbBindClass",
                            "jsonpObjectTree")) {
                        Optional<Row> found = find(extraction, way, size, position);
                        if (found.isEmpty()) {
                            continue;
                        }
                        Row row = found.get();
                        md.append("| ").append(size.equals("1024") ? "1 KiB" : "64 KiB").append(" | ")
                                .append(position).append(" | `").append(way).append("` | ")
                                .append(time(row.score())).append(" | ").append(time(row.error())).append(" | ")
                                .append(opsPerSecond(row.score())).append(" | ").append(bytes(row.allocPerOp()))
                                .append(" | ").append(signedBytes(row.allocPerOp() - Integer.parseInt(size)))
                                .append(" | ")
                                .append(streaming.map(s -> ratio(row.score() / s.score()) + "×").orElse(""))
                                .append(" |\n");
                    }
                }
            }
            md.append('\n');
        }

        if (!decision.isEmpty()) {
            md.append("## The filter's decision path (`RequestCheckBenchmark`)\n\n")
                    .append("`RequestCheck.apply` with the default settings (`FilterSettings.defaults()`), ")
                    .append("`DecisionPublisher.NONE` (no CDI events) and an in-memory verifier (a constant result: ")
                    .append("passed, score 0.1) with a replay store that always claims. The requests are lean ")
                    .append("benchmark fakes (`BenchRequest`: a wrapper over one shared throwing proxy, attributes in ")
                    .append("a `HashMap`), reset before each call; the last two rows price making the fakes alone.\n\n")
                    .append("| case | time/op | ± | ops/s | alloc/op |\n|---|---:|---:|---:|---:|\n");
            Map<String, String> labels = Map.of(
                    "passUnchecked", "GET, a method not checked: passes unchecked",
                    "headerToken", "POST, token in the header: decoded, claimed, verified, accepted",
                    "jsonBodyToken", "POST, token first in a 1 KiB JSON body: read, searched, wrapped, accepted",
                    "newBenchFakes", "making a `BenchRequest` + `BenchResponse` (not filter work)",
                    "newTestFakes", "making the tests' `TestRequest` + `TestResponse` (a dynamic proxy each)");
            for (String method : List.of("passUnchecked", "headerToken", "jsonBodyToken", "newBenchFakes",
                    "newTestFakes")) {
                decision.stream().filter(row -> row.method().equals(method)).findFirst().ifPresent(row ->
                        md.append("| ").append(labels.get(method)).append(" | ").append(time(row.score()))
                                .append(" | ").append(time(row.error())).append(" | ")
                                .append(opsPerSecond(row.score())).append(" | ").append(bytes(row.allocPerOp()))
                                .append(" |\n"));
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static void targets(StringBuilder md, List<Row> extraction) {
        md.append("## Targets (issue 6), from this run\n\n| target | figure | holds |\n|---|---|---|\n");
        Optional<Row> streamFirst = find(extraction, "streamingPointer", "65536", "first");
        Optional<Row> bindFirst = find(extraction, "jsonbBindMap", "65536", "first");
        if (streamFirst.isPresent() && bindFirst.isPresent()) {
            double ratio = bindFirst.get().score() / streamFirst.get().score();
            double worst = bindFirst.get().low() / streamFirst.get().high();
            md.append("| streaming, token first, 64 KiB: ≥ 20× faster than the full JSON-B bind | ")
                    .append(ratio(ratio)).append("× faster (").append(ratio(worst))
                    .append("× at the ends of the error bars) | ").append(holds(ratio >= 20, worst >= 20))
                    .append(" |\n");
        }
        Optional<Row> streamLast = find(extraction, "streamingPointer", "65536", "last");
        Optional<Row> bindLast = find(extraction, "jsonbBindMap", "65536", "last");
        if (streamLast.isPresent() && bindLast.isPresent()) {
            double ratio = bindLast.get().score() / streamLast.get().score();
            double worst = bindLast.get().low() / streamLast.get().high();
            md.append("| streaming, token last, 64 KiB: no slower than the full JSON-B bind | ")
                    .append(ratio(ratio)).append("× faster (").append(ratio(worst))
                    .append("× at the ends of the error bars) | ").append(holds(ratio >= 1, worst >= 1))
                    .append(" |\n");
        }
        for (String size : List.of("1024", "65536")) {
            for (String position : List.of("first", "last")) {
                find(extraction, "streamingPointer", size, position).ifPresent(row -> {
                    int limit = Integer.parseInt(size) + FEW_KIB;
                    md.append("| streaming, token ").append(position).append(", ")
                            .append(size.equals("1024") ? "1 KiB" : "64 KiB")
                            .append(": allocation below the body size + 4 KiB (").append(bytes(limit)).append(") | ")
                            .append(bytes(row.allocPerOp())).append(" | ")
                            .append(row.allocPerOp() < limit ? "yes" : "**no**").append(" |\n");
                });
            }
        }
        for (String position : List.of("first", "last")) {
            Optional<Row> stream = find(extraction, "streamingPointer", "65536", position);
            Optional<Row> bindClass = find(extraction, "jsonbBindClass", "65536", position);
            if (stream.isPresent() && bindClass.isPresent()) {
                md.append("| (not a target) streaming, token ").append(position)
                        .append(", 64 KiB, against JSON-B into a class with only the token | ")
                        .append(faster(bindClass.get().score() / stream.get().score())).append(" | |\n");
            }
        }
        md.append("\nThe full JSON-B bind is `jsonbBindMap`. \"At the ends of the error bars\" divides the fast end ")
                .append("of the bind's interval by the slow end of the streaming one: the least the ratio can be.\n\n");
    }

    /** A ratio of times (other / streaming) in words. */
    private static String faster(double ratio) {
        return ratio >= 1 ? ratio(ratio) + "× faster" : ratio(1 / ratio) + "× slower";
    }

    private static String holds(boolean point, boolean worst) {
        if (point && worst) {
            return "yes";
        }
        return point ? "yes (not at the ends of the error bars)" : "**no**";
    }

    private static Optional<Row> find(List<Row> rows, String method, String size, String position) {
        return rows.stream().filter(row -> row.method().equals(method) && row.param("size").equals(size)
                && row.param("token").equals(position)).findFirst();
    }

    private static String time(double nanos) {
        if (nanos >= 1_000_000) {
            return String.format(Locale.ROOT, "%.2f ms", nanos / 1_000_000);
        }
        if (nanos >= 1_000) {
            return String.format(Locale.ROOT, "%.2f µs", nanos / 1_000);
        }
        return String.format(Locale.ROOT, "%.1f ns", nanos);
    }

    private static String opsPerSecond(double nanos) {
        return String.format(Locale.ROOT, "%,.0f", 1e9 / nanos);
    }

    private static String bytes(double bytes) {
        if (Double.isNaN(bytes)) {
            return "n/a";
        }
        if (Math.abs(bytes) >= 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024);
        }
        return String.format(Locale.ROOT, "%.0f B", bytes);
    }

    private static String signedBytes(double bytes) {
        return (bytes >= 0 ? "+" : "−") + bytes(Math.abs(bytes));
    }

    private static String ratio(double ratio) {
        return ratio >= 10 ? String.format(Locale.ROOT, "%.0f", ratio) : String.format(Locale.ROOT, "%.2f", ratio);
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException | RuntimeException unavailable) {
            return "unknown";
        }
    }

    /** Busy and total jiffies of all CPUs together, from /proc/stat; null where there is none. */
    private static long[] cpuTicks() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).strip().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]); // idle + iowait
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException unavailable) {
            return null;
        }
    }

    private static String memory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kib = Long.parseLong(line.replaceAll("\\D", ""));
                    return String.format(Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | RuntimeException unavailable) {
            // below
        }
        return "unknown";
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException unavailable) {
            // below
        }
        return "unknown";
    }

    private static String jarOf(Class<?> type) {
        try {
            String path = type.getProtectionDomain().getCodeSource().getLocation().getPath();
            String name = path.substring(path.lastIndexOf('/') + 1);
            return name.endsWith(".jar") ? name.substring(0, name.length() - 4) : type.getName();
        } catch (RuntimeException unknown) {
            return type.getName();
        }
    }
}
