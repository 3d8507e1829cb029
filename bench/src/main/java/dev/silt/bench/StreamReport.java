package dev.silt.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The stream benchmark's results: a table for people, and the same figures as JSON and TSV for tools. Figures per
 * contender and thread count are those of the median repetition by records/s in; a contender's headline row is its
 * best thread count.
 */
final class StreamReport {
    /** kinesalite 3.3.3 through the AWS SDK v2, measured earlier on this machine (records/s in). */
    static final double KINESALITE_RECORDS_PER_SECOND = 13_600;

    static final String KAFKA = "kafka";
    static final String SILT_FSYNC = "silt-fsync";
    static final String SILT_NOFSYNC = "silt-nofsync";
    static final String KINESALITE = "kinesalite";

    private final Map<String, Map<Integer, List<LoadFigures>>> loads;
    private final Map<String, List<ReadFigures>> reads;
    private final Map<String, List<String>> checks;
    private final Map<String, String> setting;

    StreamReport(
            Map<String, Map<Integer, List<LoadFigures>>> loads,
            Map<String, List<ReadFigures>> reads,
            Map<String, List<String>> checks,
            Map<String, String> setting) {
        this.loads = loads;
        this.reads = reads;
        this.checks = checks;
        this.setting = setting;
    }

    static LoadFigures median(List<LoadFigures> runs) {
        List<LoadFigures> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingDouble(LoadFigures::recordsPerSecond));
        return sorted.get((sorted.size() - 1) / 2);
    }

    static ReadFigures medianRead(List<ReadFigures> runs) {
        List<ReadFigures> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingDouble(ReadFigures::recordsPerSecond));
        return sorted.get((sorted.size() - 1) / 2);
    }

    /** The contender's thread count with the highest median records/s in. */
    Optional<LoadFigures> best(String id) {
        Map<Integer, List<LoadFigures>> byThreads = loads.get(id);
        if (byThreads == null) {
            return Optional.empty();
        }
        return byThreads.values().stream()
                .map(StreamReport::median)
                .max(Comparator.comparingDouble(LoadFigures::recordsPerSecond));
    }

    Optional<ReadFigures> read(String id) {
        List<ReadFigures> r = reads.get(id);
        return r == null || r.isEmpty() ? Optional.empty() : Optional.of(medianRead(r));
    }

    Optional<Double> ratioIn(String a, String b) {
        return best(a).flatMap(x -> best(b).map(y -> x.recordsPerSecond() / y.recordsPerSecond()));
    }

    Optional<Double> ratioOut(String a, String b) {
        return read(a).flatMap(x -> read(b).map(y -> x.recordsPerSecond() / y.recordsPerSecond()));
    }

    void print(PrintStream out) {
        setting.forEach((k, v) -> out.printf(Locale.ROOT, "%-14s %s%n", k, v));
        out.println();
        out.println("Producing (median repetition per thread count; latency: PutRecords call (Kinesis API),"
                + " record send -> ack (Kafka); us/r: CPU microseconds per record, server process and load generator)");
        out.printf(
                Locale.ROOT,
                "%-13s %7s %14s %9s %9s %9s %10s %9s %11s %11s  %s%n",
                "contender",
                "threads",
                "records/s in",
                "MB/s in",
                "p50 ms",
                "p99 ms",
                "calls",
                "retried",
                "server us/r",
                "client us/r",
                "records/s in, every repetition");
        loads.forEach((id, byThreads) -> byThreads.forEach((threads, runs) -> {
            LoadFigures f = median(runs);
            StringBuilder all = new StringBuilder();
            for (LoadFigures r : runs) {
                all.append(all.length() == 0 ? "" : ", ")
                        .append(String.format(Locale.ROOT, "%,.0f", r.recordsPerSecond()));
            }
            out.printf(
                    Locale.ROOT,
                    "%-13s %7d %,14.0f %9.1f %9.2f %9.2f %,10d %,9d %11.2f %11.2f  %s%n",
                    id,
                    threads,
                    f.recordsPerSecond(),
                    f.megabytesPerSecond(),
                    f.p50Millis(),
                    f.p99Millis(),
                    f.calls(),
                    f.retried(),
                    f.serverMicrosPerRecord(),
                    f.clientMicrosPerRecord(),
                    all);
        }));
        out.println();
        out.println("Summary (best thread count in; whole stream read back out, one reader per shard/partition)");
        out.printf(
                Locale.ROOT,
                "%-13s %7s %14s %9s %9s %9s %15s %9s %9s %10s%n",
                "contender",
                "threads",
                "records/s in",
                "MB/s in",
                "p50 ms",
                "p99 ms",
                "records/s out",
                "MB/s out",
                "x kafka",
                "x 13.6k");
        for (String id : loads.keySet()) {
            LoadFigures f = best(id).orElseThrow();
            Optional<ReadFigures> r = read(id);
            out.printf(
                    Locale.ROOT,
                    "%-13s %7d %,14.0f %9.1f %9.2f %9.2f %15s %9s %9s %10.1f%n",
                    id,
                    f.threads(),
                    f.recordsPerSecond(),
                    f.megabytesPerSecond(),
                    f.p50Millis(),
                    f.p99Millis(),
                    r.map(x -> String.format(Locale.ROOT, "%,.0f", x.recordsPerSecond()))
                            .orElse("-"),
                    r.map(x -> String.format(Locale.ROOT, "%.1f", x.megabytesPerSecond()))
                            .orElse("-"),
                    ratioIn(id, KAFKA)
                            .map(x -> String.format(Locale.ROOT, "%.2f", x))
                            .orElse("-"),
                    f.recordsPerSecond() / KINESALITE_RECORDS_PER_SECOND);
        }
        out.println();
        out.println("Read-back checks");
        checks.forEach((id, list) -> list.forEach(c -> out.printf(Locale.ROOT, "%-13s %s%n", id, c)));
        out.println();
        ratioIn(SILT_FSYNC, KAFKA)
                .ifPresent(x -> out.printf(
                        Locale.ROOT, "silt (fsync each batch) / Kafka, records/s in: %.2fx (goal >= 1.0x)%n", x));
        best(SILT_FSYNC)
                .ifPresent(f -> out.printf(
                        Locale.ROOT,
                        "silt (fsync each batch) / kinesalite's 13.6k records/s (measured earlier): %.1fx"
                                + " (goal >= 20x)%n",
                        f.recordsPerSecond() / KINESALITE_RECORDS_PER_SECOND));
        ratioIn(SILT_FSYNC, KINESALITE)
                .ifPresent(x -> out.printf(
                        Locale.ROOT,
                        "silt (fsync each batch) / kinesalite measured in this run, records/s in: %.1fx%n",
                        x));
        ratioOut(SILT_FSYNC, KAFKA)
                .ifPresent(x -> out.printf(Locale.ROOT, "silt / Kafka, records/s out (read-back): %.2fx%n", x));
        best(SILT_FSYNC).ifPresent(s -> best(SILT_NOFSYNC)
                .ifPresent(n -> out.printf(
                        Locale.ROOT,
                        "cost of fsync in silt: %,.0f records/s without, %,.0f with (%.2fx); p50 %.2f -> %.2f ms,"
                                + " p99 %.2f -> %.2f ms%n",
                        n.recordsPerSecond(),
                        s.recordsPerSecond(),
                        n.recordsPerSecond() / s.recordsPerSecond(),
                        n.p50Millis(),
                        s.p50Millis(),
                        n.p99Millis(),
                        s.p99Millis())));
    }

    void writeJson(Path file) throws IOException {
        StringBuilder sb = new StringBuilder("{\n  \"setting\": {");
        boolean first = true;
        for (Map.Entry<String, String> e : setting.entrySet()) {
            sb.append(first ? "\n" : ",\n")
                    .append("    ")
                    .append(Report.quote(e.getKey()))
                    .append(": ")
                    .append(Report.quote(e.getValue()));
            first = false;
        }
        sb.append("\n  },\n  \"produce\": [");
        first = true;
        for (Map.Entry<String, Map<Integer, List<LoadFigures>>> e : loads.entrySet()) {
            for (Map.Entry<Integer, List<LoadFigures>> t : e.getValue().entrySet()) {
                LoadFigures f = median(t.getValue());
                sb.append(first ? "\n" : ",\n");
                first = false;
                sb.append(String.format(
                        Locale.ROOT,
                        "    {\"id\": %s, \"threads\": %d, \"records_per_s\": %.1f, \"mb_per_s\": %.3f,"
                                + " \"p50_ms\": %.3f, \"p99_ms\": %.3f, \"records\": %d, \"seconds\": %.3f,"
                                + " \"calls\": %d, \"retried\": %d, \"failed\": %d, \"server_cpu_us_per_record\": %.3f,"
                                + " \"client_cpu_us_per_record\": %.3f, \"records_per_s_all\": %s}",
                        Report.quote(e.getKey()),
                        t.getKey(),
                        f.recordsPerSecond(),
                        f.megabytesPerSecond(),
                        f.p50Millis(),
                        f.p99Millis(),
                        f.records(),
                        f.nanos() / 1e9,
                        f.calls(),
                        f.retried(),
                        f.failed(),
                        f.serverMicrosPerRecord(),
                        f.clientMicrosPerRecord(),
                        rates(t.getValue())));
            }
        }
        sb.append("\n  ],\n  \"read\": [");
        first = true;
        for (Map.Entry<String, List<ReadFigures>> e : reads.entrySet()) {
            ReadFigures r = medianRead(e.getValue());
            sb.append(first ? "\n" : ",\n");
            first = false;
            sb.append(String.format(
                    Locale.ROOT,
                    "    {\"id\": %s, \"records_per_s\": %.1f, \"mb_per_s\": %.3f, \"records\": %d, \"seconds\": %.3f,"
                            + " \"calls\": %d, \"readers\": %d, \"checks\": [%s]}",
                    Report.quote(e.getKey()),
                    r.recordsPerSecond(),
                    r.megabytesPerSecond(),
                    r.records(),
                    r.nanos() / 1e9,
                    r.calls(),
                    r.readers(),
                    String.join(
                            ", ",
                            checks.getOrDefault(e.getKey(), List.of()).stream()
                                    .map(Report::quote)
                                    .toList())));
        }
        sb.append("\n  ],\n  \"headline\": {")
                .append("\n    \"silt_fsync_over_kafka_records_in\": ")
                .append(Report.number(ratioIn(SILT_FSYNC, KAFKA)))
                .append(",\n    \"silt_fsync_over_kinesalite_13600\": ")
                .append(Report.number(best(SILT_FSYNC).map(f -> f.recordsPerSecond() / KINESALITE_RECORDS_PER_SECOND)))
                .append(",\n    \"silt_fsync_over_kinesalite_measured\": ")
                .append(Report.number(ratioIn(SILT_FSYNC, KINESALITE)))
                .append(",\n    \"silt_fsync_over_kafka_records_out\": ")
                .append(Report.number(ratioOut(SILT_FSYNC, KAFKA)))
                .append(",\n    \"silt_nofsync_over_fsync_records_in\": ")
                .append(Report.number(ratioIn(SILT_NOFSYNC, SILT_FSYNC)))
                .append("\n  }\n}\n");
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    void writeTsv(Path file) throws IOException {
        StringBuilder sb = new StringBuilder(
                "id\tthreads\trecords_per_s\tmb_per_s\tp50_ms\tp99_ms\trecords\tseconds\tcalls\tretried\tfailed"
                        + "\tserver_cpu_us_per_record\tclient_cpu_us_per_record"
                        + "\tread_records_per_s\tread_mb_per_s\trecords_per_s_all\n");
        for (Map.Entry<String, Map<Integer, List<LoadFigures>>> e : loads.entrySet()) {
            Optional<ReadFigures> r = read(e.getKey());
            for (Map.Entry<Integer, List<LoadFigures>> t : e.getValue().entrySet()) {
                LoadFigures f = median(t.getValue());
                sb.append(String.format(
                        Locale.ROOT,
                        "%s\t%d\t%.1f\t%.3f\t%.3f\t%.3f\t%d\t%.3f\t%d\t%d\t%d\t%.3f\t%.3f\t%s\t%s\t%s%n",
                        e.getKey(),
                        t.getKey(),
                        f.recordsPerSecond(),
                        f.megabytesPerSecond(),
                        f.p50Millis(),
                        f.p99Millis(),
                        f.records(),
                        f.nanos() / 1e9,
                        f.calls(),
                        f.retried(),
                        f.failed(),
                        f.serverMicrosPerRecord(),
                        f.clientMicrosPerRecord(),
                        r.map(x -> String.format(Locale.ROOT, "%.1f", x.recordsPerSecond()))
                                .orElse(""),
                        r.map(x -> String.format(Locale.ROOT, "%.3f", x.megabytesPerSecond()))
                                .orElse(""),
                        rates(t.getValue())));
            }
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    private static String rates(List<LoadFigures> runs) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < runs.size(); i++) {
            sb.append(i == 0 ? "" : ",")
                    .append(String.format(Locale.ROOT, "%.1f", runs.get(i).recordsPerSecond()));
        }
        return sb.append(']').toString();
    }
}
