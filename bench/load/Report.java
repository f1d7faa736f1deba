import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Writes docs/perf/load.md from what bench/load/run measured (target/bench-load: machine.txt, results.txt,
 * sockets.txt, profile-*.txt). Run by bench/load/run as a single-file program: {@code java Report.java WORK OUT}.
 * Exits 1 when any measured run had a wrong decision (an unexpected answer that is not the bulkhead refusing
 * load beyond max-concurrent: the benchmark then failed), else 0.
 */
public final class Report {

    /** One wrk run: the key=value pairs of its RUN line. */
    record Run(Map<String, String> kv) {
        String s(String key) {
            return kv.getOrDefault(key, "");
        }

        double d(String key) {
            String value = kv.get(key);
            return value == null || value.isEmpty() ? Double.NaN : Double.parseDouble(value);
        }

        boolean is(String key, String value) {
            return value.equals(kv.get(key));
        }

        double rps() {
            return d("rps");
        }

        /** Answers with the expected status per second: for C, the accepted verifications. */
        double okps() {
            return d("ok") / d("seconds");
        }

        long unexpected() {
            return (long) d("unexpected");
        }

        /** How many unexpected answers had this status, from codes=STATUS:COUNT,... */
        long codeCount(String status) {
            long total = 0;
            for (String item : s("codes").split(",")) {
                String[] pair = item.split(":", 2);
                if (pair.length == 2 && pair[0].equals(status)) {
                    total += Long.parseLong(pair[1]);
                }
            }
            return total;
        }

        /** How many of the filter's decisions had a reason containing this text, from reasons=COUNT:REASON|... */
        long reasonCount(String text) {
            long total = 0;
            for (String item : s("reasons").split("\\|")) {
                String[] pair = item.split(":", 2);
                if (pair.length == 2 && pair[1].replace('_', ' ').contains(text)) {
                    total += Long.parseLong(pair[0]);
                }
            }
            return total;
        }

        long socketErrors() {
            return (long) (d("connect_errors") + d("read_errors") + d("write_errors") + d("timeouts"));
        }

        double cpuMsPerRequest() {
            return d("requests") > 0 ? d("payara_cpu_s") * 1000 / d("requests") : Double.NaN;
        }

        double connectionsPer1000() {
            return d("fake_answered") > 0 ? d("fake_connections") * 1000 / d("fake_answered") : Double.NaN;
        }

        /** CPU (cores) used by everything but Payara, the fake and wrk during the run. */
        double otherCores() {
            return (d("machine_cpu_s") - d("payara_cpu_s") - d("fake_cpu_s") - d("client_cpu_s")) / d("window_s");
        }

        double machineCores() {
            return d("machine_cpu_s") / d("window_s");
        }
    }

    private final Map<String, String> machine;
    private final List<Run> runs;
    private Run idle;
    private final String sockets;
    private final Path work;
    private final StringBuilder md = new StringBuilder();
    private final List<String[]> verdicts = new ArrayList<>();
    private boolean failed;

    private Report(Path work) throws IOException {
        this.work = work;
        machine = new LinkedHashMap<>();
        for (String line : Files.readAllLines(work.resolve("machine.txt"))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                machine.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        runs = new ArrayList<>();
        for (String line : Files.readAllLines(work.resolve("results.txt"))) {
            boolean isRun = line.startsWith("RUN ");
            if (!isRun && !line.startsWith("IDLE ")) {
                continue;
            }
            Map<String, String> kv = new LinkedHashMap<>();
            for (String pair : line.substring(line.indexOf(' ') + 1).trim().split(" +")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    kv.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
            if (isRun) {
                runs.add(new Run(kv));
            } else {
                idle = new Run(kv);
            }
        }
        Path socketFile = work.resolve("sockets.txt");
        sockets = Files.exists(socketFile) ? Files.readString(socketFile) : "";
    }

    public static void main(String[] args) throws IOException {
        Report report = new Report(Path.of(args[0]));
        String text = report.write();
        Path out = Path.of(args[1]);
        Files.writeString(out, text);
        System.exit(report.failed ? 1 : 0);
    }

    // ---------------------------------------------------------------------------------------------------------

    private List<Run> select(Predicate<Run> filter) {
        return runs.stream().filter(filter).collect(Collectors.toList());
    }

    private static Predicate<Run> where(String... keysAndValues) {
        return run -> {
            for (int i = 0; i < keysAndValues.length; i += 2) {
                if (!run.is(keysAndValues[i], keysAndValues[i + 1])) {
                    return false;
                }
            }
            return true;
        };
    }

    private static double median(List<Run> list, ToDoubleFunction<Run> value) {
        double[] values = list.stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).sorted().toArray();
        return median(values);
    }

    private static double median(double[] sorted) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double min(List<Run> list, ToDoubleFunction<Run> value) {
        return list.stream().mapToDouble(value).min().orElse(Double.NaN);
    }

    private static double max(List<Run> list, ToDoubleFunction<Run> value) {
        return list.stream().mapToDouble(value).max().orElse(Double.NaN);
    }

    private static long sum(List<Run> list, ToDoubleFunction<Run> value) {
        return (long) list.stream().mapToDouble(value).sum();
    }

    private static String f(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    private static String ms(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return value >= 100 ? f(value, 0) : value >= 10 ? f(value, 1) : f(value, 2);
    }

    private void p(String text) {
        md.append(text).append('\n');
    }

    private void verdict(String target, String figure, boolean holds) {
        verdicts.add(new String[] {target, figure, holds ? "**holds**" : "**does not hold**"});
    }

    private void shown(String target, String figure) {
        verdicts.add(new String[] {target, figure, "shown"});
    }

    private static String label(String scenario) {
        switch (scenario) {
            case "A": return "A: no filter (GET /a)";
            case "B": return "B: filter mapped, GET unchecked (GET /b)";
            case "C": return "C: protected by the filter (POST /c)";
            case "Cm": return "C, replay ids in a map instead of Payara's JCache";
            case "Cu": return "C with the bulkhead and breaker off (max-concurrent=10000)";
            case "V": return "V: vendor's way, inline HttpURLConnection (POST /v)";
            case "J": return "J: inline java.net.http.HttpClient (POST /j)";
            case "P": return "protected requests";
            default: return scenario;
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private String write() throws IOException {
        boolean quick = "true".equals(machine.get("quick"));
        List<Run> measured = select(run -> !run.s("section").startsWith("warmup"));
        List<Run> matrix = select(where("section", "matrix"));

        // Correctness first: it decides whether the benchmark failed.
        List<Run> wrong = measured.stream().filter(run -> run.unexpected() > 0).collect(Collectors.toList());
        failed = wrong.stream().anyMatch(run -> !shedOnly(run));

        // The sections are written into md first (they add the verdicts); the header and the verdict table are then
        // put in front.
        scenarioTables(matrix);
        ratios(matrix);
        pacedLatency();
        connectionReuse();
        outage();
        profiles();
        refusals(measured);
        correctness(measured, wrong);
        limits();
        setup();
        raw();
        String sections = md.toString();

        md.setLength(0);
        p("# Load benchmark: TrustCaptchaFilter on Payara Micro, end to end");
        p("");
        p("Generated by `bench/load/run` (issue 6, parts 2 and 5) on " + machine.get("date") + ", commit "
                + machine.get("commit") + "; the run took " + f(Double.parseDouble(machine.getOrDefault("elapsed_s",
                "0")) / 60, 1) + " minutes. Regenerate it with `bench/load/run` (about 22 minutes; it needs `wrk`, "
                + "`apt-get install -y wrk`). Everything ran on 127.0.0.1: Payara Micro " + machine.get("payara")
                + " with a small application, a fake TrustCaptcha result API, and wrk, on one "
                + machine.get("nproc") + "-core machine.");
        if (quick) {
            p("");
            p("**This is a `--quick` smoke run (" + machine.get("seconds") + " s runs, one repetition): the figures are "
                    + "not measurements.**");
        }
        p("");
        p("Every request carries a fresh token (a unique verification id), every answer is checked: A, B, C, V must "
                + "answer 200 with the body `ok` (C's servlet also checks that the filter's result is the one for the "
                + "token it sent, and answers 500 otherwise); during an upstream hang protected requests must answer 503. "
                + "Throughput is answers per second; for C it counts only accepted requests (a 503 is fast, and not "
                + "a verification). Latencies are wrk's (closed loop: each connection sends its next request when the "
                + "answer came).");
        p("");
        p("## Targets");
        p("");
        p("| target | figure (medians of interleaved runs) | |");
        p("|---|---|---|");
        for (String[] v : verdicts) {
            p("| " + v[0] + " | " + v[1] + " | " + v[2] + " |");
        }
        p("");
        return md + sections;
    }

    private void scenarioTables(List<Run> matrix) {
        p("## A, B, C and V side by side");
        p("");
        p("Each row: the median of " + machine.get("reps") + " runs of " + machine.get("seconds") + " s, interleaved "
                + "(A, B, C, V at 16 connections, then A, B, C, V, Cm, Cu at 256, then the paced runs; repeated), wrk with "
                + "2 threads. \"range\" is the lowest and highest of the runs. CPU/request is Payara's CPU time per "
                + "answer, 503s included (all threads: HTTP, verification pool, GC, JIT, Hazelcast" + (idle == null ? ""
                : "; with no load at all Payara used " + f(idle.d("payara_cpu_s") / idle.d("window_s"), 3)
                + " cores, which weighs on the slow rows") + "). New API connections are counted by the fake per "
                + "1,000 results it answered.");
        for (String lat : List.of("0", "50")) {
            p("");
            p("### Fake TrustCaptcha answering in " + lat + " ms");
            p("");
            p("| connections | scenario | answers/s | range | p50 ms | p99 ms | unexpected | socket errors "
                    + "| CPU ms/request | new API connections /1,000 |");
            p("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            for (String conns : List.of("16", "256")) {
                for (String scenario : List.of("A", "B", "C", "V", "Cm", "Cu")) {
                    List<Run> rows = select(where("section", "matrix", "lat", lat, "conns", conns, "scenario",
                            scenario));
                    if (rows.isEmpty()) {
                        continue;
                    }
                    boolean verifies = !scenario.equals("A") && !scenario.equals("B");
                    p("| " + conns + " | " + label(scenario) + " | " + f(median(rows, Run::okps), 0) + " | "
                            + f(min(rows, Run::okps), 0) + "–" + f(max(rows, Run::okps), 0) + " | "
                            + ms(median(rows, r -> r.d("p50_ms"))) + " | " + ms(median(rows, r -> r.d("p99_ms")))
                            + " | " + sum(rows, Run::unexpected) + " | " + sum(rows, Run::socketErrors) + " | "
                            + f(median(rows, Run::cpuMsPerRequest), 3) + " | "
                            + (verifies ? f(median(rows, Run::connectionsPer1000), 0) : "–") + " |");
                }
            }
        }
        p("");
    }

    private void ratios(List<Run> matrix) {
        p("## Ratios");
        p("");
        p("**B/A.** After the matrix, A and B ran once more in blocks of four short runs, A B B A (" + abSeconds()
                + " s each, 0 ms upstream, which neither calls), so that a drift of the machine cancels within a "
                + "block: each block gives (B1 + B2) / (A1 + A2); the median over blocks is the figure. The pairs of "
                + "the matrix (B and A of one repetition, over both upstream latencies) are shown too: they are "
                + "noisier, A and B being measured " + machine.get("seconds") + " s apart among heavier runs.");
        p("");
        p("| setting | B/A, A-B-B-A blocks: median | blocks | B/A, matrix pairs: median | matrix pairs |");
        p("|---|---:|---|---:|---|");
        boolean baHolds = true;
        StringBuilder baFigure = new StringBuilder();
        for (String conns : List.of("16", "256")) {
            List<Double> pairs = new ArrayList<>();
            for (Run a : select(where("section", "matrix", "conns", conns, "scenario", "A"))) {
                for (Run b : select(where("section", "matrix", "conns", conns, "scenario", "B", "lat", a.s("lat"),
                        "rep", a.s("rep")))) {
                    pairs.add(b.rps() / a.rps());
                }
            }
            double medianPairs = median(pairs.stream().mapToDouble(Double::doubleValue).toArray());
            List<Double> blocks = new ArrayList<>();
            List<Run> ab = select(where("section", "ab", "conns", conns));
            for (String rep : ab.stream().map(r -> r.s("rep")).distinct().collect(Collectors.toList())) {
                List<Run> block = ab.stream().filter(r -> r.is("rep", rep)).collect(Collectors.toList());
                double a = block.stream().filter(r -> r.is("scenario", "A")).mapToDouble(Run::rps).sum();
                double b = block.stream().filter(r -> r.is("scenario", "B")).mapToDouble(Run::rps).sum();
                if (a > 0 && b > 0) {
                    blocks.add(b / a);
                }
            }
            double medianBlocks = median(blocks.stream().mapToDouble(Double::doubleValue).toArray());
            p("| " + conns + " connections | " + f(medianBlocks, 3) + " | "
                    + blocks.stream().map(v -> f(v, 3)).collect(Collectors.joining(", ")) + " | " + f(medianPairs, 3)
                    + " | " + pairs.stream().map(v -> f(v, 2)).collect(Collectors.joining(", ")) + " |");
            double figure = blocks.isEmpty() ? medianPairs : medianBlocks;
            baHolds &= figure >= 0.97;
            baFigure.append(baFigure.length() > 0 ? "; " : "").append(conns).append(" connections: ")
                    .append(f(figure, 3)).append(" (blocks ")
                    .append(blocks.isEmpty() ? "n/a" : f(blocks.stream().mapToDouble(Double::doubleValue).min()
                            .orElse(Double.NaN), 2) + "–" + f(blocks.stream().mapToDouble(Double::doubleValue).max()
                            .orElse(Double.NaN), 2)).append(")");
        }
        double aCost = median(select(where("section", "matrix", "scenario", "A")), Run::cpuMsPerRequest);
        double bCost = median(select(where("section", "matrix", "scenario", "B")), Run::cpuMsPerRequest);
        p("");
        p("Payara's CPU per answer, median over all matrix runs: A " + f(aCost * 1000, 1) + " µs, B "
                + f(bCost * 1000, 1) + " µs. The filter's own work for an unchecked method (a method check, then "
                + "the chain) is far below what these end-to-end runs resolve; the JMH benchmarks (part 4) measure it "
                + "directly.");
        verdict("B/A ≥ 0.97 (filter mapped, method not checked)", baFigure.toString(), baHolds);
        p("");
        p("| upstream | connections | C accepted/s | V answers/s | C/V | Cm (map replay store) accepted/s | Cm/V "
                + "| Cu (no bulkhead) accepted/s | Cu/V |");
        p("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        boolean cvHolds = true;
        StringBuilder cvFigure = new StringBuilder();
        StringBuilder cuFigure = new StringBuilder();
        for (String lat : List.of("0", "50")) {
            for (String conns : List.of("16", "256")) {
                double c = median(select(where("section", "matrix", "lat", lat, "conns", conns, "scenario", "C")),
                        Run::okps);
                double v = median(select(where("section", "matrix", "lat", lat, "conns", conns, "scenario", "V")),
                        Run::okps);
                double cm = median(select(where("section", "matrix", "lat", lat, "conns", conns, "scenario", "Cm")),
                        Run::okps);
                double cu = median(select(where("section", "matrix", "lat", lat, "conns", conns, "scenario", "Cu")),
                        Run::okps);
                p("| " + lat + " ms | " + conns + " | " + f(c, 0) + " | " + f(v, 0) + " | " + f(c / v, 2) + " | "
                        + f(cm, 0) + " | " + f(cm / v, 2) + " | " + f(cu, 0) + " | " + f(cu / v, 2) + " |");
                if (!Double.isNaN(cu)) {
                    cuFigure.append(cuFigure.length() > 0 ? "; " : "").append(lat).append(" ms/").append(conns)
                            .append(": ").append(f(cu / v, 2));
                }
                cvHolds &= c >= v;
                cvFigure.append(cvFigure.length() > 0 ? "; " : "").append(lat).append(" ms/").append(conns)
                        .append(": ").append(f(c / v, 2));
            }
        }
        verdict("C ≥ V in requests/s at every setting", "C/V " + cvFigure
                + (cuFigure.length() > 0 ? " (with the bulkhead off, Cu/V " + cuFigure + ")" : ""), cvHolds);
        p("");
        double cCost = median(select(where("section", "matrix", "lat", "0", "conns", "16", "scenario", "C")),
                Run::cpuMsPerRequest);
        double vCost = median(select(where("section", "matrix", "lat", "0", "conns", "16", "scenario", "V")),
                Run::cpuMsPerRequest);
        Run cmReused = last(where("section", "reuse", "jvm", "maxconn64", "lat", "0", "scenario", "Cm"));
        Run cReused = last(where("section", "reuse", "jvm", "maxconn64", "lat", "0", "scenario", "C"));
        Run vReused = last(where("section", "reuse", "jvm", "maxconn64", "lat", "0", "scenario", "V"));
        p("**Why C/V is below 1.** At 0 ms C costs Payara " + f(cCost, 3) + " ms of CPU per answer and V "
                + f(vCost, 3) + " ms (16 connections, medians). C does more than V's bare call: it claims the "
                + "verification id in Payara's JCache (Hazelcast; V has no replay protection), and with the JVM's "
                + "default `http.maxConnections` it opens more new connections (`HttpURLConnection.plainConnect` in "
                + profileShare("C", "  opening a new connection (HttpURLConnection.plainConnect)") + " of C's "
                + "profile samples, " + profileShare("V", "  opening a new connection (HttpURLConnection.plainConnect)")
                + " of V's). Without both, that is with replay ids in a map and `-Dhttp.maxConnections=64` (the "
                + "connection reuse table, 64 clients, 0 ms), C's path costs " + cpu(cmReused) + " ms per answer "
                + "against V's " + cpu(vReused) + " and C's with the JCache " + cpu(cReused) + ", and answers "
                + ratio(cmReused, vReused) + " times V's rate: the MicroProfile REST Client proxy, in "
                + profileShare("C", "  MicroProfile REST Client proxy (Jersey)") + " of C's samples (the HTTP "
                + "exchange inside it, `HttpUrlConnector`, in " + profileShare("C",
                "  Jersey HttpUrlConnector (HttpURLConnection)") + " of all C's samples; the profile has "
                + profileShare("C", "samples").replace(" %", "") + " samples of C, so each share is good to a few "
                + "points), is not what makes the gap. At 50 ms and 16 connections both wait on the upstream and "
                + "C/V is about 1. At 256 connections C is capped by the bulkhead (64 calls in flight: at most 64 / "
                + "0.05 s = 1,280 verifications/s at 50 ms; the rest are refused with 503 at once), while V, with no "
                + "cap, lets up to all "
                + machine.get("http_threads") + " HTTP threads wait; Cu, the same filter with the bulkhead off, "
                + "shows what C does without that cap. A design where each waiting request holds a container thread "
                + "cannot have both the bulkhead's isolation (O) and V's throughput at 256 clients and 50 ms.");
        p("");
    }

    private Run last(Predicate<Run> filter) {
        List<Run> found = select(filter);
        return found.isEmpty() ? null : found.get(found.size() - 1);
    }

    private static String cpu(Run run) {
        return run == null ? "n/a" : f(run.cpuMsPerRequest(), 3);
    }

    private static String ratio(Run run, Run base) {
        return run == null || base == null ? "n/a" : f(run.okps() / base.okps(), 2);
    }

    private String profileShare(String scenario, String key) {
        try {
            for (String line : Files.readAllLines(work.resolve("profile-" + scenario + ".txt"))) {
                String[] parts = line.split("\t", 2);
                if (parts.length == 2 && parts[1].equals(key)) {
                    return parts[0] + " %";
                }
            }
        } catch (IOException missing) {
            return "n/a";
        }
        return "0 %";
    }

    private String abSeconds() {
        List<Run> ab = select(where("section", "ab"));
        return ab.isEmpty() ? "n/a" : f(Math.round(ab.get(0).d("seconds")), 0);
    }

    private void pacedLatency() {
        List<Run> paced = select(where("section", "paced"));
        p("## Latency below saturation");
        p("");
        p("At 16 connections with no pause, every scenario saturates the 2 cores, and then p50 latency is simply "
                + "16 / throughput (Little's law): it measures CPU cost, not the time one request takes. The paced "
                + "runs keep 16 connections but let each wait a random 0–100 ms before each request (about 300 "
                + "requests/s offered), so that requests rarely queue: their p50 is the time one request takes.");
        p("");
        p("| upstream | scenario | p50 ms, saturated (16 conn.) | p50 ms, paced | p99 ms, paced | answers/s, paced | unexpected |");
        p("|---|---|---:|---:|---:|---:|---:|");
        boolean literal = true;
        boolean pacedHolds = true;
        StringBuilder literalFigure = new StringBuilder();
        StringBuilder pacedFigure = new StringBuilder();
        for (String lat : List.of("0", "50")) {
            for (String scenario : List.of("A", "C", "V")) {
                List<Run> rows = select(where("section", "paced", "lat", lat, "scenario", scenario));
                List<Run> saturated = select(where("section", "matrix", "lat", lat, "conns", "16", "scenario",
                        scenario));
                if (rows.isEmpty()) {
                    continue;
                }
                p("| " + lat + " ms | " + label(scenario) + " | " + ms(median(saturated, r -> r.d("p50_ms"))) + " | "
                        + ms(median(rows, r -> r.d("p50_ms"))) + " | " + ms(median(rows, r -> r.d("p99_ms"))) + " | "
                        + f(median(rows, Run::okps), 0) + " | " + sum(rows, Run::unexpected) + " |");
                if (scenario.equals("C")) {
                    double bound = Double.parseDouble(lat) + 2;
                    double sat = median(saturated, r -> r.d("p50_ms"));
                    double pc = median(rows, r -> r.d("p50_ms"));
                    literal &= sat <= bound;
                    pacedHolds &= pc <= bound;
                    literalFigure.append(literalFigure.length() > 0 ? "; " : "").append(lat).append(" ms upstream: ")
                            .append(ms(sat)).append(" ms (bound ").append(f(bound, 0)).append(")");
                    pacedFigure.append(pacedFigure.length() > 0 ? "; " : "").append(lat).append(" ms upstream: ")
                            .append(ms(pc)).append(" ms (bound ").append(f(bound, 0)).append(")");
                }
            }
        }
        verdict("C's p50 ≤ upstream + 2 ms at 16 connections, as worded (16 connections, no pause)",
                literalFigure.toString(), literal);
        verdict("the same, below saturation (16 paced connections)", pacedFigure.toString(), pacedHolds);
        p("");
        if (!paced.isEmpty()) {
            p("The paced A row is the server's own floor (HTTP parsing, servlet, wrk) on this machine; C minus A is "
                    + "what the filter, the replay store and the result call add on top of the upstream's latency.");
            p("");
        }
    }

    private void connectionReuse() {
        p("## Connection reuse (part 2)");
        p("");
        p("64 concurrent clients, " + (Integer.parseInt(machine.get("seconds")) + 2) + " s per run. The fake counts "
                + "the TCP connections it accepted and the results it answered; the table gives new connections per "
                + "1,000 verifications. Default JVM networking first, then a fresh Payara with "
                + "`-Dhttp.maxConnections=64`.");
        p("");
        p("| JVM | upstream | scenario | verifications | new connections | per 1,000 | answers/s | unexpected |");
        p("|---|---|---|---:|---:|---:|---:|---:|");
        for (String jvm : List.of("default", "maxconn64")) {
            for (String lat : List.of("0", "50")) {
                for (String scenario : List.of("C", "Cm", "V", "J")) {
                    List<Run> rows = select(where("section", "reuse", "jvm", jvm, "lat", lat, "scenario", scenario));
                    for (Run r : rows) {
                        p("| " + (jvm.equals("default") ? "default (`http.maxConnections` = 5)" : "`-Dhttp.maxConnections=64`")
                                + " | " + lat + " ms | " + label(scenario) + " | " + f(r.d("fake_answered"), 0) + " | "
                                + f(r.d("fake_connections"), 0) + " | " + f(r.connectionsPer1000(), 1) + " | "
                                + f(r.okps(), 0) + " | " + r.unexpected() + " |");
                    }
                }
            }
        }
        p("");
        boolean holds = true;
        StringBuilder figure = new StringBuilder();
        for (String lat : List.of("0", "50")) {
            for (Run r : select(where("section", "reuse", "jvm", "default", "lat", lat, "scenario", "C"))) {
                holds &= r.connectionsPer1000() <= 10;
                figure.append(figure.length() > 0 ? "; " : "").append(lat).append(" ms upstream: ")
                        .append(f(r.connectionsPer1000(), 1));
            }
        }
        StringBuilder fixed = new StringBuilder();
        for (String lat : List.of("0", "50")) {
            for (Run r : select(where("section", "reuse", "jvm", "maxconn64", "lat", lat, "scenario", "C"))) {
                fixed.append(fixed.length() > 0 ? "; " : "").append(lat).append(" ms: ")
                        .append(f(r.connectionsPer1000(), 1));
            }
        }
        verdict("≤ 10 new API connections per 1,000 verifications at 64 concurrent clients (C, default JVM)",
                figure + (fixed.length() > 0 ? " (with `-Dhttp.maxConnections=64`: " + fixed + ")" : ""), holds);
        p("**Why.** Payara Micro's MicroProfile REST Client is Jersey's (`jersey-mp-rest-client`), and Payara ships no "
                + "other Jersey connector, so calls go through Jersey's default `HttpUrlConnector`, that is the JDK's "
                + "`HttpURLConnection` (the profile below shows `HttpUrlConnector` and "
                + "`HttpURLConnection.plainConnect` in C's samples). The library reads each 200 body to its end "
                + "(`ResponseBody.read` reads until -1) and closes the response, so each connection is handed back to "
                + "the JDK's keep-alive cache, and that cache keeps at most `http.maxConnections` idle connections per "
                + "destination: 5 by default. With more calls than that in flight, every connection returned beyond "
                + "the fifth is closed, and the next call opens a new one. Raising the cap to 64 removes nearly all "
                + "new connections (table); the vendor's way (V) has the same cap and the same problem; a shared "
                + "`java.net.http.HttpClient` (J), whose pool has no per-destination idle cap, reuses its connections "
                + "with the JVM's defaults.");
        p("");
        p("**What the library does.** `http.maxConnections` is JVM-wide and read once, when the JDK's keep-alive "
                + "cache is first used, so the library cannot set it safely: it logs a line at start-up when the "
                + "property is below `trustcaptcha.resilience.max-concurrent`, the README tells to start the server "
                + "with `-Dhttp.maxConnections=64` (or the bulkhead size), and the demo, the Docker image and the "
                + "integration tests do. A Jersey-specific connector property would not be portable, and Payara "
                + "ships no pooling Jersey connector.");
        p("");
        p("**A proposal, not taken.** A library-owned `java.net.http.HttpClient` for the one GET (HTTP/1.1, the "
                + "`mp-rest` timeouts, proxy and trust store mapped from the same keys, redirects never followed), "
                + "created once in `ResultClient`: its pool keeps every idle connection (J above) with the JVM's "
                + "defaults, and it would remove the Jersey proxy's per-call cost (profile below). It would also "
                + "bypass the MicroProfile REST Client that the library's API model, its configuration keys and "
                + "users' own client providers go through.");
        p("");
    }

    private void outage() {
        p("## O: TrustCaptcha hangs");
        p("");
        p("In each configuration, A and protected requests run together: A on 16 connections that each wait 0–20 ms "
                + "before each request (about 1,500 requests/s offered: a busy site that does not saturate the two "
                + "cores, so that A's figures tell whether A still gets threads, not how the CPU is shared), and "
                + "protected requests on 512 connections that each wait 0–4 s before each request (about 250/s offered "
                + "while answers are fast). First with the fake answering in "
                + "50 ms (\"normal\"), then the fake accepts every connection and never answers: \"onset\" is the "
                + "first run after the hang begins (the breaker has not opened yet: it needs 10 failed calls, which "
                + "take the 5 s read timeout), \"later\" the run after it. Protected requests must get 200 when "
                + "TrustCaptcha answers and 503 while it hangs. wrk's timeout is 10 s (a request without an answer by "
                + "then counts as a timeout). The HTTP thread pool has " + machine.get("http_threads") + " threads.");
        p("");
        p("| configuration | phase | A answers/s | A vs normal | A p99 ms | A timeouts | protected answers/s | "
                + "protected p50 ms | p99 ms | timeouts | unexpected | calls hanging at the fake |");
        p("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Map<String, String> names = new LinkedHashMap<>();
        names.put("guarded", "filter, breaker and bulkhead (defaults: 64, PT5S)");
        names.put("unguarded", "filter, without them (max-concurrent=10000, breaker-delay=PT0S)");
        names.put("vendor", "vendor's way (V), no protection");
        Map<String, double[]> ratios = new TreeMap<>();
        for (String config : names.keySet()) {
            List<Run> normalA = select(where("section", "O", "config", config, "phase", "normal", "role", "A"));
            double normal = normalA.isEmpty() ? Double.NaN : normalA.get(0).okps();
            for (String phase : List.of("normal", "onset", "later")) {
                List<Run> a = select(where("section", "O", "config", config, "phase", phase, "role", "A"));
                List<Run> pr = select(where("section", "O", "config", config, "phase", phase, "role", "P"));
                if (a.isEmpty() || pr.isEmpty()) {
                    continue;
                }
                Run ar = a.get(0);
                Run prr = pr.get(0);
                double ratio = ar.okps() / normal;
                ratios.computeIfAbsent(config, k -> new double[3])[List.of("normal", "onset", "later").indexOf(phase)]
                        = ratio;
                p("| " + names.get(config) + " | " + phase + " | " + f(ar.okps(), 0) + " | " + f(ratio, 2) + " | "
                        + ms(ar.d("p99_ms")) + " | " + f(ar.d("timeouts"), 0) + " | " + f(prr.okps(), 0) + " | "
                        + ms(prr.d("p50_ms")) + " | " + ms(prr.d("p99_ms")) + " | " + f(prr.d("timeouts"), 0) + " | "
                        + prr.unexpected() + (prr.unexpected() > 0 ? " (" + prr.s("codes") + ")" : "") + " | "
                        + f(prr.d("fake_held"), 0) + " |");
            }
        }
        p("");
        double[] g = ratios.get("guarded");
        List<Run> later = select(where("section", "O", "config", "guarded", "phase", "later", "role", "P"));
        if (g != null) {
            verdict("O, with breaker and bulkhead: A keeps ≥ 0.9 of its normal throughput during the hang",
                    "A vs normal: onset " + f(g[1], 2) + ", later " + f(g[2], 2), g[1] >= 0.9 && g[2] >= 0.9);
        }
        if (!later.isEmpty()) {
            verdict("O, with breaker and bulkhead: protected requests answered with p99 ≤ 50 ms once the breaker is open",
                    "p99 " + ms(later.get(0).d("p99_ms")) + " ms (\"later\" run; "
                            + later.get(0).unexpected() + " unexpected)",
                    later.get(0).d("p99_ms") <= 50 && later.get(0).unexpected() == 0);
        }
        double[] u = ratios.get("unguarded");
        double[] v = ratios.get("vendor");
        if (u != null && v != null) {
            shown("O, without them: show what happens", "share of A's load still served during the hang: "
                    + "without breaker/bulkhead " + f(u[1], 2) + " / " + f(u[2], 2) + ", vendor's way " + f(v[1], 2)
                    + " / " + f(v[2], 2) + " (onset / later); see the O table for latencies");
        }
        p("How to read it: with the bulkhead, at most 64 HTTP threads wait on the hanging API (then the calls end at "
                + "the 5 s read timeout, the breaker opens, and protected requests get their 503 at once); the other "
                + "threads keep serving A. Without it, every protected request holds an HTTP thread for the full read "
                + "timeout: 512 connections each holding a thread for 5 s of every 5–9 s want about 370 threads, the "
                + "pool has " + machine.get("http_threads") + ", so A's requests wait in the same queue behind "
                + "protected ones.");
        p("");
    }

    private void profiles() {
        List<String> order = List.of(
                "result call (RestApiCall: REST client, HTTP, JSON-B)",
                "  MicroProfile REST Client proxy (Jersey)",
                "  Jersey HttpUrlConnector (HttpURLConnection)",
                "  opening a new connection (HttpURLConnection.plainConnect)",
                "  Payara MicroProfile Telemetry client filter",
                "  binding the result (JSON-B, Yasson)",
                "replay store (claim, release)",
                "Hazelcast (Payara's JCache: its own threads)",
                "TrustCaptchaFilter.doFilter (on the HTTP thread)",
                "decision events (CDI)",
                "VendorServlet (inline HttpURLConnection)",
                "java.net.http.HttpClient",
                "logging");
        Map<String, Map<String, String>> profiles = new LinkedHashMap<>();
        for (String scenario : List.of("C", "V")) {
            Path file = work.resolve("profile-" + scenario + ".txt");
            Map<String, String> shares = new LinkedHashMap<>();
            try {
                for (String line : Files.readAllLines(file)) {
                    String[] parts = line.split("\t", 2);
                    if (parts.length == 2) {
                        shares.put(parts[1], parts[0]);
                    }
                }
            } catch (IOException missing) {
                continue;
            }
            profiles.put(scenario, shares);
        }
        if (profiles.isEmpty()) {
            return;
        }
        p("## Where Payara's CPU goes");
        p("");
        p("JFR execution samples (every 10 ms; the recording runs from Payara's start, because starting JFR in a "
                + "running Payara deoptimized its compiled code and slowed it for many seconds) cut to one C run and "
                + "one V run after the matrix (16 connections, upstream 0 ms); the share of samples whose stack "
                + "contains each part (indented parts are inside the one above; a sample can count in several rows).");
        p("");
        p("| part | C | V |");
        p("|---|---:|---:|");
        for (String key : order) {
            String c = profiles.getOrDefault("C", Map.of()).get(key);
            String v = profiles.getOrDefault("V", Map.of()).get(key);
            if (c == null && v == null) {
                continue;
            }
            p("| " + key.replace("  ", "&nbsp;&nbsp;&nbsp;") + " | " + (c == null ? "–" : c + " %") + " | "
                    + (v == null ? "–" : v + " %") + " |");
        }
        p("| samples | " + profiles.getOrDefault("C", Map.of()).getOrDefault("samples", "–") + " | "
                + profiles.getOrDefault("V", Map.of()).getOrDefault("samples", "–") + " |");
        List<Run> pc = select(where("section", "profile", "scenario", "C"));
        List<Run> pv = select(where("section", "profile", "scenario", "V"));
        if (!pc.isEmpty() && !pv.isEmpty()) {
            p("| answers/s during the profile | " + f(pc.get(0).okps(), 0) + " | " + f(pv.get(0).okps(), 0) + " |");
            p("| Payara CPU ms per answer | " + f(pc.get(0).cpuMsPerRequest(), 3) + " | "
                    + f(pv.get(0).cpuMsPerRequest(), 3) + " |");
        }
        p("");
    }

    private void refusals(List<Run> measured) {
        Map<String, Map<String, Long>> bySetting = new TreeMap<>();
        for (Run run : measured) {
            String reasons = run.s("reasons");
            if (reasons.isEmpty() || reasons.equals("-")) {
                continue;
            }
            String setting = run.s("section") + (run.kv().containsKey("config") ? " " + run.s("config") + " "
                    + run.s("phase") : "") + ", " + run.s("scenario") + ", " + run.s("conns") + " conn., upstream "
                    + run.s("lat");
            for (String item : reasons.split("\\|")) {
                int colon = item.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String reason = item.substring(colon + 1).replace('_', ' ');
                if (reason.equals("accepted")) {
                    continue;
                }
                bySetting.computeIfAbsent(setting, k -> new TreeMap<>()).merge(reason,
                        Long.parseLong(item.substring(0, colon)), Long::sum);
            }
        }
        p("## Refusals by reason");
        p("");
        if (bySetting.isEmpty()) {
            p("The filter refused nothing in any measured run.");
            p("");
            return;
        }
        p("The filter's refusals, counted by the application through the library's `DecisionEvent` (code and "
                + "detail, digits as N), summed over the runs of each setting:");
        p("");
        p("| setting | refusals | reason |");
        p("|---|---:|---|");
        bySetting.forEach((setting, reasons) -> reasons.forEach((reason, count) ->
                p("| " + setting + " | " + count + " | " + reason.replace("|", "/") + " |")));
        p("");
        boolean replayBusy = bySetting.values().stream().anyMatch(m -> m.keySet().stream()
                .anyMatch(r -> r.contains("replay store")));
        boolean slotsBusy = bySetting.values().stream().anyMatch(m -> m.keySet().stream()
                .anyMatch(r -> r.contains("slots are busy")));
        if (replayBusy) {
            p("**\"replay store failed\" is a defect**, not an outage: on Payara the replay ids go to the JCache "
                    + "through a guard pool (`ReplayStores`: 32 threads, a queue of 4,096, 2 s per call); a claim that "
                    + "fails or waits past that is answered 503 `verification-unavailable`. An earlier version of the "
                    + "guard (16 threads, no queue) did this from 64 concurrent clients on; this run should show none.");
            p("");
        }
        if (slotsBusy) {
            p("\"verification slots are busy\" is the bulkhead (`trustcaptcha.resilience.max-concurrent`, 64) doing "
                    + "what it is for, but with a healthy upstream: by Little's law 64 slots carry at most 64 / "
                    + "latency verifications per second (1,280/s at 50 ms); above that it refuses rather than queues. "
                    + "Size it as peak verifications/s × upstream p99 latency, with the HTTP pool in mind.");
            p("");
        }
    }

    /**
     * Whether every unexpected answer of a run is the bulkhead refusing load: a protected scenario with a bulkhead
     * (C, Cm) outside the outage runs, only 503s, and no refusal but "slots are busy". The application counts
     * decisions over a window slightly wider than wrk's, so the two counts differ by the requests in flight at the
     * edges; what must hold is that there is no other status and no other reason.
     */
    private static boolean shedOnly(Run run) {
        long refusals = run.reasonCount("") - run.reasonCount("accepted");
        return (run.is("scenario", "C") || run.is("scenario", "Cm")) && !run.is("section", "O")
                && run.codeCount("503") == run.unexpected() && run.reasonCount("slots are busy") > 0
                && refusals == run.reasonCount("slots are busy");
    }

    private void correctness(List<Run> measured, List<Run> wrong) {
        p("## Correctness of the answers");
        p("");
        long answers = sum(measured, r -> r.d("requests"));
        long socketErrors = sum(measured.stream().filter(r -> !r.is("section", "O")).collect(Collectors.toList()),
                Run::socketErrors);
        p("All measured runs together: " + f(answers, 0) + " answers checked; " + sum(measured, Run::unexpected)
                + " with an unexpected status or body; " + socketErrors + " socket errors or timeouts outside "
                + "scenario O (during O, timeouts are part of what is measured).");
        p("");
        if (wrong.isEmpty()) {
            p("No run had an unexpected status: zero wrong decisions.");
            verdict("zero wrong decisions in every run", "0 in " + measured.size() + " runs", true);
            verdict("zero unexpected statuses in every run", "0 in " + measured.size() + " runs", true);
        } else {
            p("Runs with unexpected answers:");
            p("");
            p("| run | scenario | connections | unexpected | statuses |");
            p("|---|---|---:|---:|---|");
            for (Run r : wrong) {
                p("| " + r.s("section") + (r.kv().containsKey("config") ? " " + r.s("config") + " " + r.s("phase")
                        : "") + ", upstream " + r.s("lat") + (r.kv().containsKey("jvm") ? ", " + r.s("jvm") : "")
                        + (r.kv().containsKey("rep") ? ", rep " + r.s("rep") : "") + " | " + r.s("scenario") + " | " + r.s("conns") + " | "
                        + r.unexpected() + " | " + r.s("codes") + " |");
            }
            long unexpected = sum(wrong, Run::unexpected);
            List<Run> notShed = wrong.stream().filter(run -> !shedOnly(run)).collect(Collectors.toList());
            p("");
            if (notShed.isEmpty()) {
                p("In each of these runs, every unexpected answer is a 503 `verification-unavailable`, and every "
                        + "refusal the filter reported (through `DecisionEvent`) is the bulkhead's \"verification slots "
                        + "are busy\": load refused at once when more calls than `max-concurrent` would wait on "
                        + "TrustCaptcha, as documented. None is a wrong decision: no request was let through without "
                        + "its result, and no result was taken for another token.");
            } else {
                p("**Wrong decisions** in " + notShed.size() + " runs: unexpected answers that are not the bulkhead "
                        + "refusing load (another status, another refusal reason, or a scenario without a bulkhead): "
                        + notShed.stream().map(r -> r.s("section") + " " + r.s("scenario") + " " + r.s("codes"))
                        .collect(Collectors.joining("; ")) + ". The benchmark failed.");
            }
            verdict("zero wrong decisions in every run", notShed.isEmpty() ? "0 in " + measured.size() + " runs"
                    : notShed.size() + " of " + measured.size() + " runs had wrong decisions", notShed.isEmpty());
            verdict("zero unexpected statuses in every run", wrong.size() + " of " + measured.size() + " runs had "
                    + "unexpected answers, " + unexpected + " in all" + (notShed.isEmpty() ? ", every one a 503 of "
                    + "the bulkhead refusing load beyond `max-concurrent`" : ""), false);
        }
        p("");
        List<Run> warm = select(run -> run.s("section").startsWith("warmup"));
        long warmWrong = sum(warm, Run::unexpected);
        if (warmWrong > 0) {
            p("The warm-up runs (not counted above) had " + warmWrong + " unexpected answers.");
            p("");
        }
    }

    private void limits() {
        double others = median(select(run -> run.is("section", "matrix")), Run::otherCores);
        double busy = median(select(run -> run.is("section", "matrix")), Run::machineCores);
        double client = median(select(where("section", "matrix", "scenario", "A")),
                r -> r.d("client_cpu_s") / r.d("window_s"));
        double fakeC = median(select(where("section", "matrix", "scenario", "C", "lat", "0")),
                r -> r.d("fake_cpu_s") / r.d("window_s"));
        p("## What limits each figure");
        p("");
        p("- **Two cores for everything.** Payara, the fake and wrk share " + machine.get("nproc") + " cores: in the "
                + "matrix the machine was busy " + f(busy, 2) + " cores (median of runs); wrk alone used "
                + f(client, 2) + " cores during A runs, the fake " + f(fakeC, 2) + " cores during C runs at 0 ms. "
                + "Absolute requests/s are those of this box with its own load generator, not of a server; ratios "
                + "between scenarios of one run are the figures to read.");
        p("- **Other processes.** CPU used by processes other than Payara, the fake and wrk during the matrix runs: "
                + f(others, 2) + " cores (median; load average before the run " + machine.get("load_before")
                + ", after " + machine.get("load_after") + "). Other builds on the machine lower every figure and "
                + "widen the ranges; interleaving spreads that over all scenarios alike.");
        p("- **A and B** are bound by Payara's HTTP path and wrk on the shared CPU; B/A compares two runs a few "
                + "seconds apart, so its noise is that of the machine (see the matrix pairs).");
        p("- **C, V at 0 ms** are bound by CPU per verification (CPU ms/request, and the profile); at 50 ms and 16 "
                + "connections by the upstream latency (16 / 0.05 s = 320/s at most); at 50 ms and 256 connections by "
                + "CPU again, and for C by refusals (see reasons).");
        p("- **p50 at 16 connections without pause** is 16 / throughput whenever the CPU is saturated; the paced "
                + "runs give the per-request latency.");
        p("- **New connections** depend on how many calls are in flight at once versus the JDK's idle cap, so they "
                + "change with throughput and latency; 64 clients is the setting the target names.");
        p("- **O** depends on the arrival rate of protected requests (about 250/s offered here, from 512 "
                + "connections) and on the 5 s read timeout: what exhausts the pool is concurrent protected requests "
                + "× their wait > threads. A's rate in O is paced, so \"A vs normal\" is the share of A's offered "
                + "load that is still served.");
        p("- wrk measures a closed loop (no coordinated-omission correction); p99 at saturation includes queueing "
                + "in Payara's HTTP pool and GC pauses (1 GiB heap, the JVM's default collector).");
        p("");
    }

    private void setup() {
        p("## Setup");
        p("");
        p("- Machine: " + machine.get("nproc") + " cores (" + machine.get("cpu") + "), " + machine.get("memory")
                + ", Linux " + machine.get("kernel") + "; " + machine.get("java") + "; " + machine.get("wrk") + ".");
        p("- Payara Micro " + machine.get("payara") + ", `-Xms1g -Xmx1g`, `--disablephonehome`, the project's "
                + "loopback Hazelcast file (`src/test/payara/hazelcast-loopback.xml`, all joins off, 127.0.0.1) and "
                + "its preboot file (HTTP listener on 127.0.0.1) plus one line setting the HTTP thread pool "
                + "(`http-thread-pool` max-thread-pool-size) to **" + machine.get("http_threads") + "** explicitly: "
                + "the value in Payara Micro's own `domain.xml` is " + machine.get("domain_http_threads") + ". A "
                + "keep-alive connection serves at most " + machine.get("keepalive_max") + " requests (Payara's "
                + "default `max-connections`), then wrk reconnects.");
        p("- Three copies of one WAR, each with the packaged library jar in `WEB-INF/lib` and the filter mapped to "
                + "`/b` and `/c` in `web.xml` (methods: the default POST, PUT, PATCH, DELETE): **guarded** (the "
                + "library's defaults, written out: `max-concurrent=64`, `breaker-delay=PT5S`; replay ids in Payara's "
                + "JCache), **unguarded** (`max-concurrent=10000`, `breaker-delay=PT0S`), **memstore** (defaults, replay "
                + "ids in a map through a CDI alternative). API key and URL come from the environment. The API URL is "
                + "plain http to the fake, so no TLS is measured.");
        p("- The fake TrustCaptcha API (`src/bench/java/.../bench/BenchFakeApi.java`): 127.0.0.1, HTTP/1.1 "
                + "keep-alive, a thread per connection; answers any verification id with a passing human result "
                + "for that id (score 0.1) after 0 or 50 ms, or accepts and never answers (scenario O).");
        p("- wrk " + machine.get("wrk").replaceAll(".*?(\\d+\\.\\d+\\.\\d+).*", "$1") + " with `bench/load/wrk.lua`: "
                + "2 threads (1 per process in O), `--timeout 10s`; a unique token per request (a random 72-bit "
                + "prefix per thread and a counter), in the `X-TrustCaptcha-Token` header of every scenario, so that "
                + "all requests have the same size.");
        p("- V: a servlet that decodes the token (JSON-P), calls the fake with `HttpURLConnection` (connect 3 s, read "
                + "5 s, no redirects, Bearer key), reads the body to its end, closes the stream (never "
                + "`disconnect()`: the best case for keep-alive), parses the result with JSON-P and accepts passed, "
                + "score ≤ 0.5. No replay protection, bulkhead or breaker, as in the vendor's library.");
        p("- Both Payara JVMs run with a JFR recording of execution samples only (`bench/load/samples.jfc`, every "
                + "10 ms) from their start, for the profile; its cost is in every figure alike.");
        p("- Warm-up before measuring, at 16 connections and 0 ms: A and B 10 s each, C 60 s, Cm 20 s, V and J 20 s "
                + "each (and C 50 s, Cm 10 s, V 20 s on the second Payara). C needs it: its CPU per request fell from "
                + "about 0.67 to 0.22 ms over its first 50 s of load here, while the JIT compiled Jersey's client path; "
                + "V settles within seconds.");
        p("");
        p("Listening sockets of the processes the benchmark started (`ss -ltnp`), checked to be 127.0.0.1 only:");
        p("");
        p("```");
        md.append(sockets.strip()).append('\n');
        p("```");
        p("");
    }

    private void raw() throws IOException {
        p("<details><summary>Every run (the RUN lines of target/bench-load/results.txt)</summary>");
        p("");
        p("```");
        for (String line : Files.readAllLines(work.resolve("results.txt"))) {
            if (line.startsWith("RUN ")) {
                p(line);
            }
        }
        p("```");
        p("");
        p("</details>");
    }
}
