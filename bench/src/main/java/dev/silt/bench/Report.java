package dev.silt.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The benchmark's results: a table for people, and the same figures as JSON and TSV for tools. Each contender's
 * figures are those of its median run; {@code runs} keeps every repetition's wall time.
 */
final class Report {
    static final String WORDCOUNT = "wordcount";
    static final String COUNTRY_STATUS = "aggregate-country-status";
    static final String COUNTRY_STATUS_NO_COMBINER = "aggregate-country-status-nocombiner";
    static final String USER = "aggregate-user";
    static final String USER_NO_COMBINER = "aggregate-user-nocombiner";

    private final Map<String, RunFigures> median;
    private final Map<String, List<Long>> runs;
    private final Map<String, String> setting;

    /**
     * @param median by contender id, the figures of the median run
     * @param runs by contender id, every repetition's wall nanoseconds in run order
     * @param setting what was measured and on what (events, bytes, threads, …), in display order
     */
    Report(Map<String, RunFigures> median, Map<String, List<Long>> runs, Map<String, String> setting) {
        this.median = median;
        this.runs = runs;
        this.setting = setting;
    }

    /** Aggregate (country,status, with combiner) input MB/s over wordcount's; empty unless both ran. */
    Optional<Double> aggregateOverWordcount() {
        RunFigures a = median.get(COUNTRY_STATUS);
        RunFigures w = median.get(WORDCOUNT);
        return a == null || w == null
                ? Optional.empty()
                : Optional.of(a.inputMegabytesPerSecond() / w.inputMegabytesPerSecond());
    }

    /** Share of the map side's materialized shuffle bytes that the combiner removed; empty unless both ran. */
    Optional<Double> combinerShuffleSaving(String withCombiner, String withoutCombiner) {
        RunFigures with = median.get(withCombiner);
        RunFigures without = median.get(withoutCombiner);
        return with == null || without == null || without.materializedBytes() == 0
                ? Optional.empty()
                : Optional.of(1.0 - (double) with.materializedBytes() / without.materializedBytes());
    }

    void print(PrintStream out) {
        setting.forEach((k, v) -> out.printf(Locale.ROOT, "%-14s %s%n", k, v));
        out.println();
        out.printf(
                Locale.ROOT,
                "%-42s %8s %8s %13s %15s %13s %13s %15s %15s %13s%n",
                "contender",
                "wall s",
                "MB/s",
                "map out rec",
                "map out bytes",
                "combine in",
                "combine out",
                "materialized B",
                "shuffle B",
                "spilled rec");
        for (RunFigures f : median.values()) {
            out.printf(
                    Locale.ROOT,
                    "%-42s %8.2f %8.1f %,13d %,15d %,13d %,13d %,15d %,15d %,13d%n",
                    f.contender(),
                    f.wallSeconds(),
                    f.inputMegabytesPerSecond(),
                    f.mapOutputRecords(),
                    f.mapOutputBytes(),
                    f.combineInputRecords(),
                    f.combineOutputRecords(),
                    f.materializedBytes(),
                    f.shuffleBytes(),
                    f.spilledRecords());
        }
        out.println();
        aggregateOverWordcount()
                .ifPresent(r -> out.printf(
                        Locale.ROOT, "aggregate country,status MB/s / wordcount MB/s: %.2fx (goal >= 1.00x)%n", r));
        combinerShuffleSaving(COUNTRY_STATUS, COUNTRY_STATUS_NO_COMBINER)
                .ifPresent(s -> out.printf(
                        Locale.ROOT,
                        "shuffle bytes removed by the combiner, country,status: %.4f%% (goal >= 95%%)%n",
                        100 * s));
        combinerShuffleSaving(USER, USER_NO_COMBINER)
                .ifPresent(
                        s -> out.printf(Locale.ROOT, "shuffle bytes removed by the combiner, user: %.2f%%%n", 100 * s));
    }

    void writeJson(Path file) throws IOException {
        StringBuilder sb = new StringBuilder("{\n  \"setting\": {");
        boolean first = true;
        for (Map.Entry<String, String> e : setting.entrySet()) {
            sb.append(first ? "\n" : ",\n")
                    .append("    ")
                    .append(quote(e.getKey()))
                    .append(": ")
                    .append(quote(e.getValue()));
            first = false;
        }
        sb.append("\n  },\n  \"runs\": [");
        first = true;
        for (Map.Entry<String, RunFigures> e : median.entrySet()) {
            RunFigures f = e.getValue();
            sb.append(first ? "\n" : ",\n");
            first = false;
            sb.append(String.format(
                    Locale.ROOT,
                    "    {\"id\": %s, \"contender\": %s, \"wall_seconds\": %.3f, \"input_mb_per_s\": %.2f,"
                            + " \"wall_seconds_all\": %s, \"input_bytes\": %d, \"input_records\": %d,"
                            + " \"map_output_records\": %d, \"map_output_bytes\": %d, \"combine_input_records\": %d,"
                            + " \"combine_output_records\": %d, \"map_output_materialized_bytes\": %d,"
                            + " \"reduce_shuffle_bytes\": %d, \"spilled_records\": %d, \"output_records\": %d}",
                    quote(e.getKey()),
                    quote(f.contender()),
                    f.wallSeconds(),
                    f.inputMegabytesPerSecond(),
                    seconds(runs.get(e.getKey()), ", "),
                    f.inputBytes(),
                    f.inputRecords(),
                    f.mapOutputRecords(),
                    f.mapOutputBytes(),
                    f.combineInputRecords(),
                    f.combineOutputRecords(),
                    f.materializedBytes(),
                    f.shuffleBytes(),
                    f.spilledRecords(),
                    f.outputRecords()));
        }
        sb.append("\n  ],\n  \"headline\": {");
        sb.append("\n    \"aggregate_over_wordcount_mb_per_s\": ")
                .append(number(aggregateOverWordcount()))
                .append(",\n    \"combiner_shuffle_saving_country_status\": ")
                .append(number(combinerShuffleSaving(COUNTRY_STATUS, COUNTRY_STATUS_NO_COMBINER)))
                .append(",\n    \"combiner_shuffle_saving_user\": ")
                .append(number(combinerShuffleSaving(USER, USER_NO_COMBINER)))
                .append("\n  }\n}\n");
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    void writeTsv(Path file) throws IOException {
        StringBuilder sb = new StringBuilder(
                "id\tcontender\twall_seconds\tinput_mb_per_s\tinput_bytes\tmap_output_records\tmap_output_bytes"
                        + "\tcombine_input_records\tcombine_output_records\tmap_output_materialized_bytes"
                        + "\treduce_shuffle_bytes\tspilled_records\toutput_records\twall_seconds_all\n");
        for (Map.Entry<String, RunFigures> e : median.entrySet()) {
            RunFigures f = e.getValue();
            sb.append(String.format(
                    Locale.ROOT,
                    "%s\t%s\t%.3f\t%.2f\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%s%n",
                    e.getKey(),
                    f.contender(),
                    f.wallSeconds(),
                    f.inputMegabytesPerSecond(),
                    f.inputBytes(),
                    f.mapOutputRecords(),
                    f.mapOutputBytes(),
                    f.combineInputRecords(),
                    f.combineOutputRecords(),
                    f.materializedBytes(),
                    f.shuffleBytes(),
                    f.spilledRecords(),
                    f.outputRecords(),
                    seconds(runs.get(e.getKey()), ",")));
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    private static String seconds(List<Long> nanos, String separator) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < nanos.size(); i++) {
            sb.append(i == 0 ? "" : separator).append(String.format(Locale.ROOT, "%.3f", nanos.get(i) / 1e9));
        }
        return sb.append(']').toString();
    }

    /** A JSON number with six decimals, or {@code null}; the stream report writes its JSON with it too. */
    static String number(Optional<Double> v) {
        return v.map(d -> String.format(Locale.ROOT, "%.6f", d)).orElse("null");
    }

    /** A JSON string literal. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
