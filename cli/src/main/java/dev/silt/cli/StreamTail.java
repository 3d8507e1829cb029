package dev.silt.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.silt.ingest.consumer.ConsumerOptions;
import dev.silt.ingest.consumer.ShardBatch;
import dev.silt.ingest.consumer.StartPosition;
import dev.silt.ingest.consumer.StreamConsumer;
import dev.silt.ingest.consumer.StreamRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code silt stream tail NAME}: prints a stream's records, following shard lineage (a child shard after its
 * parents), so the lines of one partition key come out in order. Without {@code --follow} it stops once every
 * shard is read up to its tip.
 */
final class StreamTail implements StreamCommand.Sub {
    /** Shards read at once: enough to keep a terminal busy, few enough to stay polite to a shared server. */
    static final int WORKERS = 4;

    @Override
    public String name() {
        return "tail";
    }

    @Override
    public String summary() {
        return "print a stream's records, following resharding";
    }

    @Override
    public List<String> positionals() {
        return List.of("NAME");
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Option.builder()
                        .longOpt("from")
                        .hasArg()
                        .argName("WHERE")
                        .desc("trim-horizon (default: the oldest record), latest, or a time such as"
                                + " 2026-01-01T10:00:00Z (UTC when it has no zone)")
                        .build())
                .addOption(Option.builder()
                        .longOpt("follow")
                        .desc("keep printing new records until interrupted (Ctrl-C)")
                        .build())
                .addOption(Option.builder()
                        .longOpt("limit")
                        .hasArg()
                        .argName("N")
                        .desc("stop after N records")
                        .build())
                .addOption(Option.builder()
                        .longOpt("format")
                        .hasArg()
                        .argName("text|json")
                        .desc("text: each record's data as a UTF-8 line (default); json: one object per record with"
                                + " key, seq, shard, time and data")
                        .build());
    }

    @Override
    public String footer() {
        return "Records of one shard come out in order, and a child shard's after its parents'; records of\n"
                + "different shards interleave. Example: silt stream tail clicks --from latest --follow --format json";
    }

    @Override
    public int run(StreamCommand.Context ctx, CommandLine line, List<String> args) throws Exception {
        String stream = args.get(0);
        StartPosition from = parseFrom(ctx, line.getOptionValue("from", "trim-horizon"));
        if (from.timestamp() != null && from.timestamp().isAfter(Instant.now())) {
            throw ctx.usage("--from " + from.timestamp() + " is in the future");
        }
        long limit = line.hasOption("limit")
                ? StreamCommand.number(ctx, "--limit", line.getOptionValue("limit"), 1, Long.MAX_VALUE)
                : Long.MAX_VALUE;
        String format = line.getOptionValue("format", "text");
        if (!format.equals("text") && !format.equals("json")) {
            throw ctx.usage("--format must be text or json, got '" + format + "'");
        }
        boolean follow = line.hasOption("follow");
        // A stream that does not exist is one clear error before any reading starts.
        ctx.client().describeStreamSummary(stream);
        Printer printer = new Printer(ctx.out(), format.equals("json"), limit);
        ConsumerOptions options = ConsumerOptions.fromConfig(StreamCommand.ingestConf(ctx.conf()));
        StreamConsumer consumer = StreamConsumer.builder(ctx.client(), stream, printer::print)
                .initialPosition(from)
                .options(options.withMaxWorkers(Math.min(WORKERS, options.maxWorkers())))
                .onTrimGap(gap -> ctx.command().err().println("silt: warning: " + gap))
                .build();
        printer.consumer = consumer;
        if (!follow) {
            consumer.runUntilCaughtUp();
            return 0;
        }
        Thread stopper = new Thread(
                () -> {
                    try {
                        consumer.close();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "silt-tail-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            consumer.run();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException e) {
                // the JVM is shutting down (Ctrl-C): the hook is running and stops the consumer
            }
        }
        return 0;
    }

    static StartPosition parseFrom(StreamCommand.Context ctx, String value) throws UsageException {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "trim-horizon":
            case "trim_horizon":
            case "oldest":
                return StartPosition.trimHorizon();
            case "latest":
            case "now":
                return StartPosition.latest();
            default:
                break;
        }
        try {
            return StartPosition.atTimestamp(Instant.parse(value));
        } catch (DateTimeParseException e) {
            try {
                return StartPosition.atTimestamp(LocalDateTime.parse(value).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e2) {
                throw ctx.usage(
                        "--from must be trim-horizon, latest or a time like 2026-01-01T10:00:00Z, got '" + value + "'");
            }
        }
    }

    /** Prints batches from the consumer's workers, one batch at a time, up to the limit. */
    private static final class Printer {
        private final PrintStream out;
        private final JsonMapper json;
        private final long limit;
        private long printed; // guarded by this
        volatile StreamConsumer consumer;

        Printer(PrintStream out, boolean asJson, long limit) {
            this.out = out;
            this.json = asJson
                    ? JsonMapper.builder()
                            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                            .build()
                    : null;
            this.limit = limit;
        }

        synchronized void print(ShardBatch batch) throws IOException {
            // One write per batch: the command's stream flushes on every println, a system call per record.
            StringBuilder text = new StringBuilder();
            for (StreamRecord r : batch.records()) {
                if (printed >= limit) {
                    break;
                }
                if (json == null) {
                    text.append(r.dataAsUtf8());
                } else {
                    ObjectNode o = json.createObjectNode()
                            .put("key", r.partitionKey())
                            .put("seq", r.sequenceNumber())
                            .put("shard", batch.shardId())
                            .put(
                                    "time",
                                    r.approximateArrival() == null
                                            ? null
                                            : r.approximateArrival().toString())
                            .put("data", r.dataAsUtf8());
                    text.append(json.writeValueAsString(o));
                }
                text.append(System.lineSeparator());
                printed++;
            }
            out.print(text);
            out.flush();
            if (printed >= limit) {
                consumer.requestStop();
            }
        }
    }
}
