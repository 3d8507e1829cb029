package dev.silt.cli;

import dev.silt.ingest.client.KinesisHttpClient;
import dev.silt.ingest.client.StreamSummary;
import dev.silt.ingest.consumer.ShardDescription;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** The administrative {@code silt stream} sub-commands: one call or a few each, then a line saying what happened. */
final class StreamAdmin {
    /** How long {@code --wait} waits for a stream to turn ACTIVE. */
    static final long WAIT_MILLIS = 120_000;

    private static final long POLL_MILLIS = 100;
    private static final BigInteger SPACE = BigInteger.ONE.shiftLeft(128);

    interface Body {
        int run(StreamCommand.Context ctx, CommandLine line, List<String> args) throws Exception;
    }

    record Simple(
            String name,
            String summary,
            List<String> positionals,
            Supplier<Options> optionsOf,
            String footer,
            Body body)
            implements StreamCommand.Sub {
        @Override
        public Options options() {
            return optionsOf.get();
        }

        @Override
        public int run(StreamCommand.Context ctx, CommandLine line, List<String> args) throws Exception {
            return body.run(ctx, line, args);
        }
    }

    private StreamAdmin() {}

    private static Options waitOption() {
        return new Options()
                .addOption(Option.builder()
                        .longOpt("wait")
                        .desc("wait until the stream is ACTIVE again")
                        .build());
    }

    static StreamCommand.Sub create() {
        return new Simple(
                "create",
                "create a stream",
                List.of("NAME"),
                () -> waitOption()
                        .addOption(Option.builder()
                                .longOpt("shards")
                                .hasArg()
                                .argName("N")
                                .desc("number of shards (default 1)")
                                .build()),
                "Example: silt stream create clicks --shards 4 --wait",
                (ctx, line, args) -> {
                    String stream = args.get(0);
                    int shards =
                            (int) StreamCommand.number(ctx, "--shards", line.getOptionValue("shards", "1"), 1, 100_000);
                    ctx.client().createStream(stream, shards);
                    ctx.out()
                            .printf(
                                    Locale.ROOT,
                                    "created stream '%s' with %d shard%s%n",
                                    stream,
                                    shards,
                                    shards == 1 ? "" : "s");
                    awaitIfAsked(ctx, line, stream);
                    return 0;
                });
    }

    static StreamCommand.Sub delete() {
        return new Simple(
                "delete",
                "delete a stream and all its records",
                List.of("NAME"),
                Options::new,
                null,
                (ctx, line, args) -> {
                    ctx.client().deleteStream(args.get(0));
                    ctx.out().println("deleting stream '" + args.get(0) + "'");
                    return 0;
                });
    }

    static StreamCommand.Sub list() {
        return new Simple(
                "list",
                "list the streams with status, open shards and retention",
                List.of(),
                Options::new,
                null,
                (ctx, line, args) -> {
                    List<String> names = ctx.client().listStreams();
                    if (names.isEmpty()) {
                        ctx.out().println("no streams at " + ctx.client().endpoint());
                        return 0;
                    }
                    int width = Math.max(
                            6, names.stream().mapToInt(String::length).max().orElse(6));
                    ctx.out()
                            .printf(
                                    Locale.ROOT,
                                    "%-" + width + "s  %-9s  %11s  %9s%n",
                                    "STREAM",
                                    "STATUS",
                                    "OPEN SHARDS",
                                    "RETENTION");
                    for (String name : names) {
                        StreamSummary s = ctx.client().describeStreamSummary(name);
                        ctx.out()
                                .printf(
                                        Locale.ROOT,
                                        "%-" + width + "s  %-9s  %11d  %8dh%n",
                                        name,
                                        s.status(),
                                        s.openShardCount(),
                                        s.retentionHours());
                    }
                    return 0;
                });
    }

    static StreamCommand.Sub describe() {
        return new Simple(
                "describe",
                "show a stream: status, retention, shards, hash-key ranges and lineage",
                List.of("NAME"),
                Options::new,
                null,
                (ctx, line, args) -> {
                    String stream = args.get(0);
                    StreamSummary s = ctx.client().describeStreamSummary(stream);
                    List<ShardDescription> shards = new ArrayList<>(ctx.client().listShards(stream));
                    shards.sort(Comparator.comparing(ShardDescription::shardId));
                    printDescription(ctx.out(), s, shards);
                    return 0;
                });
    }

    static void printDescription(PrintStream out, StreamSummary s, List<ShardDescription> shards) {
        out.printf(Locale.ROOT, "stream       %s%n", s.name());
        out.printf(Locale.ROOT, "status       %s%n", s.status());
        if (s.arn() != null) {
            out.printf(Locale.ROOT, "arn          %s%n", s.arn());
        }
        if (s.created() != null) {
            out.printf(Locale.ROOT, "created      %s%n", s.created());
        }
        out.printf(
                Locale.ROOT,
                "retention    %d hours%s%n",
                s.retentionHours(),
                s.retentionHours() % 24 == 0 ? " (" + s.retentionHours() / 24 + " days)" : "");
        long open = shards.stream().filter(ShardDescription::isOpen).count();
        out.printf(Locale.ROOT, "shards       %d open, %d closed%n", open, shards.size() - open);
        out.println();
        out.printf(Locale.ROOT, "%-20s  %-6s  %7s  %-43s  %s%n", "SHARD", "STATE", "KEYS", "PARENTS", "HASH KEY RANGE");
        for (ShardDescription d : shards) {
            String parents = d.parents().isEmpty() ? "-" : String.join(" + ", d.parents());
            out.printf(
                    Locale.ROOT,
                    "%-20s  %-6s  %6s%%  %-43s  %s .. %s%n",
                    d.shardId(),
                    d.isOpen() ? "open" : "closed",
                    share(d),
                    parents,
                    d.startingHashKey(),
                    d.endingHashKey());
        }
    }

    /** The shard's share of the hash-key space, in percent with one decimal. */
    private static String share(ShardDescription d) {
        if (d.startingHashKey() == null || d.endingHashKey() == null) {
            return "?";
        }
        BigInteger width = d.endingHashKey().subtract(d.startingHashKey()).add(BigInteger.ONE);
        BigDecimal pct = new BigDecimal(width)
                .multiply(BigDecimal.valueOf(100))
                .divide(new BigDecimal(SPACE), MathContext.DECIMAL64);
        return String.format(Locale.ROOT, "%.1f", pct);
    }

    static StreamCommand.Sub split() {
        return new Simple(
                "split",
                "split an open shard in two (at the middle of its range by default)",
                List.of("NAME", "SHARD"),
                () -> waitOption()
                        .addOption(Option.builder()
                                .longOpt("at")
                                .hasArg()
                                .argName("HASHKEY")
                                .desc("first hash key of the upper child (default: middle of the shard's range)")
                                .build()),
                "SHARD is a shard id or its number (3 for shardId-000000000003).",
                (ctx, line, args) -> {
                    String stream = args.get(0);
                    String shard = StreamCommand.shardId(args.get(1));
                    ShardDescription d = find(ctx.client(), stream, shard);
                    if (!d.isOpen()) {
                        throw new IOException(
                                "shard " + shard + " of stream '" + stream + "' is closed; only open shards split");
                    }
                    BigInteger at;
                    if (line.hasOption("at")) {
                        String raw = line.getOptionValue("at");
                        try {
                            at = new BigInteger(raw);
                        } catch (NumberFormatException e) {
                            throw ctx.usage("--at must be a decimal hash key, got '" + raw + "'");
                        }
                        if (at.compareTo(d.startingHashKey()) <= 0 || at.compareTo(d.endingHashKey()) > 0) {
                            throw ctx.usage("--at must be above " + d.startingHashKey() + " and at most "
                                    + d.endingHashKey() + " (the range of " + shard + "), got " + raw);
                        }
                    } else {
                        BigInteger width =
                                d.endingHashKey().subtract(d.startingHashKey()).add(BigInteger.ONE);
                        if (width.compareTo(BigInteger.TWO) < 0) {
                            throw new IOException("shard " + shard + " owns a single hash key and cannot split");
                        }
                        at = d.startingHashKey().add(width.shiftRight(1));
                    }
                    ctx.client().splitShard(stream, shard, at);
                    ctx.out().printf(Locale.ROOT, "split %s of '%s' at hash key %s%n", shard, stream, at);
                    awaitIfAsked(ctx, line, stream);
                    return 0;
                });
    }

    static StreamCommand.Sub merge() {
        return new Simple(
                "merge",
                "merge two open shards with adjacent hash-key ranges",
                List.of("NAME", "SHARD1", "SHARD2"),
                StreamAdmin::waitOption,
                "SHARD1 and SHARD2 are shard ids or their numbers.",
                (ctx, line, args) -> {
                    String stream = args.get(0);
                    String a = StreamCommand.shardId(args.get(1));
                    String b = StreamCommand.shardId(args.get(2));
                    ctx.client().mergeShards(stream, a, b);
                    ctx.out().printf(Locale.ROOT, "merged %s and %s of '%s'%n", a, b, stream);
                    awaitIfAsked(ctx, line, stream);
                    return 0;
                });
    }

    static StreamCommand.Sub scale() {
        return new Simple(
                "scale",
                "rescale to N open shards of equal ranges (within half and double)",
                List.of("NAME", "N"),
                StreamAdmin::waitOption,
                null,
                (ctx, line, args) -> {
                    String stream = args.get(0);
                    int target = (int) StreamCommand.number(ctx, "N", args.get(1), 1, 100_000);
                    int before = ctx.client().describeStreamSummary(stream).openShardCount();
                    ctx.client().updateShardCount(stream, target);
                    ctx.out().printf(Locale.ROOT, "scaling '%s' from %d to %d open shards%n", stream, before, target);
                    awaitIfAsked(ctx, line, stream);
                    return 0;
                });
    }

    static StreamCommand.Sub retention() {
        return new Simple(
                "retention",
                "set how many hours records stay readable (24 to 8760)",
                List.of("NAME", "HOURS"),
                Options::new,
                null,
                (ctx, line, args) -> {
                    String stream = args.get(0);
                    int hours = (int) StreamCommand.number(ctx, "HOURS", args.get(1), 24, 8760);
                    int current = ctx.client().describeStreamSummary(stream).retentionHours();
                    ctx.client().setRetention(stream, hours, current);
                    if (hours == current) {
                        ctx.out().printf(Locale.ROOT, "retention of '%s' is already %d hours%n", stream, hours);
                    } else {
                        ctx.out()
                                .printf(
                                        Locale.ROOT,
                                        "retention of '%s' is now %d hours (was %d)%n",
                                        stream,
                                        hours,
                                        current);
                    }
                    return 0;
                });
    }

    private static ShardDescription find(KinesisHttpClient client, String stream, String shard) throws IOException {
        for (ShardDescription d : client.listShards(stream)) {
            if (d.shardId().equals(shard)) {
                return d;
            }
        }
        throw new IOException(
                "stream '" + stream + "' has no shard " + shard + " (see 'silt stream describe " + stream + "')");
    }

    private static void awaitIfAsked(StreamCommand.Context ctx, CommandLine line, String stream) throws IOException {
        if (line.hasOption("wait")) {
            awaitActive(ctx.client(), stream, WAIT_MILLIS);
            ctx.out().println("stream '" + stream + "' is ACTIVE");
        }
    }

    /** Polls until the stream is ACTIVE; fails after {@code timeoutMillis}. */
    static void awaitActive(KinesisHttpClient client, String stream, long timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (true) {
            String status = client.describeStreamSummary(stream).status();
            if (status.equals("ACTIVE")) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(
                        "stream '" + stream + "' is still " + status + " after " + timeoutMillis / 1000 + " s");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted waiting for stream '" + stream + "'");
            }
        }
    }
}
