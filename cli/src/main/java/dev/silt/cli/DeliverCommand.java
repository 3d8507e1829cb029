package dev.silt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.silt.ingest.IngestKeys;
import dev.silt.ingest.client.FirehoseHttpClient;
import dev.silt.ingest.consumer.StreamApiException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code silt deliver <sub-command>}: creates, feeds, inspects, starts, stops and deletes the delivery streams of a
 * running {@code silt server}, over its Firehose API (the same endpoint as {@code silt stream}: {@code --endpoint},
 * else {@code silt.stream.endpoint}).
 */
final class DeliverCommand implements Command {
    /** One sub-command: its positional arguments, options, and what it does with a client. */
    private record Sub(
            String name, String summary, List<String> positionals, Options options, String footer, Body body) {}

    private interface Body {
        int run(Context ctx, CommandLine line, List<String> args) throws Exception;
    }

    /** What a sub-command runs with. */
    record Context(CommandContext command, FirehoseHttpClient client, String name) {
        PrintStream out() {
            return command.out();
        }

        UsageException usage(String message) {
            return new UsageException(message, "run '" + name + " --help' for usage");
        }
    }

    private final Map<String, Sub> subs = new LinkedHashMap<>();

    DeliverCommand() {
        add(new Sub(
                "create",
                "create a delivery stream and start it",
                List.of("NAME"),
                createOptions(),
                "The destination is a URI (file://, hdfs://, s3a://) or a local path. Each option sets one\n"
                        + "silt.ingest.delivery.* key of this stream; --set KEY=VALUE sets any other. Examples:\n"
                        + "  silt deliver create clicks --to /data/lake/clicks --buffer-mb 64 --interval-s 60\n"
                        + "  silt deliver create events --to hdfs://nn/lake/events --source stream:events \\\n"
                        + "    --format orc --schema 'struct<user:string,n:bigint>'",
                DeliverCommand::create));
        add(new Sub(
                "list",
                "list delivery streams with status, source and destination",
                List.of(),
                new Options(),
                null,
                DeliverCommand::list));
        add(new Sub(
                "describe",
                "show a delivery stream's settings, status and metrics",
                List.of("NAME"),
                new Options(),
                null,
                DeliverCommand::describe));
        add(new Sub(
                "start", "start a stopped delivery stream", List.of("NAME"), new Options(), null, (ctx, line, args) -> {
                    ctx.client().start(args.get(0));
                    ctx.out().println("delivery stream '" + args.get(0) + "' is ACTIVE");
                    return 0;
                }));
        add(new Sub(
                "stop",
                "land what a delivery stream holds and stop it (it refuses puts until started)",
                List.of("NAME"),
                new Options(),
                null,
                (ctx, line, args) -> {
                    ctx.client().stop(args.get(0));
                    ctx.out().println("delivery stream '" + args.get(0) + "' is STOPPED; what it held has landed");
                    return 0;
                }));
        add(new Sub(
                "delete",
                "stop a delivery stream and remove its definition (landed files stay)",
                List.of("NAME"),
                new Options(),
                null,
                (ctx, line, args) -> {
                    ctx.client().delete(args.get(0));
                    ctx.out().println("deleted delivery stream '" + args.get(0) + "'");
                    return 0;
                }));
        add(new Sub(
                "put",
                "send standard input to a direct-put delivery stream, one record per line",
                List.of("NAME"),
                new Options(),
                "Lines go in PutRecordBatch calls of up to 500 records and 4 MiB; records refused because the\n"
                        + "stream's buffers are full are sent again with backoff. Empty lines are skipped.",
                DeliverPut::run));
    }

    private void add(Sub s) {
        subs.put(s.name(), s);
    }

    @Override
    public String name() {
        return "deliver";
    }

    @Override
    public String summary() {
        return "manage and feed delivery streams (Firehose API) of a running silt server";
    }

    @Override
    public int run(CommandContext ctx, List<String> args) throws Exception {
        if (args.isEmpty() || args.get(0).startsWith("-")) {
            if (Usage.wantsHelp(args)) {
                printHelp(ctx.out());
                return 0;
            }
            throw new UsageException(
                    args.isEmpty()
                            ? "'silt deliver' needs a sub-command: " + String.join(", ", subs.keySet())
                            : "unknown option '" + args.get(0) + "' for 'silt deliver'",
                    "run 'silt deliver --help' for usage");
        }
        String name = args.get(0);
        Sub sub = subs.get(name);
        if (sub == null) {
            String suggestion = Suggest.closest(name, subs.keySet());
            throw new UsageException(
                    "unknown sub-command '" + name + "' for 'silt deliver'"
                            + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)"),
                    "run 'silt deliver --help' for the list");
        }
        String command = "silt deliver " + name;
        Options options = sub.options();
        options.addOption(Option.builder()
                .longOpt("endpoint")
                .hasArg()
                .argName("URL")
                .desc("silt server (default: " + CliKeys.STREAM_ENDPOINT.key() + ", "
                        + CliKeys.STREAM_ENDPOINT.defaultValue() + ")")
                .build());
        options.addOption(Usage.help());
        List<String> rest = args.subList(1, args.size());
        if (Usage.wantsHelp(rest)) {
            String positionals = sub.positionals().isEmpty() ? "" : " " + String.join(" ", sub.positionals());
            Usage.print(ctx.out(), command + positionals + " [options]", sub.summary(), options, sub.footer());
            return 0;
        }
        CommandLine line = Usage.parse(command, options, rest, sub.positionals());
        String endpoint = line.getOptionValue("endpoint", CliKeys.STREAM_ENDPOINT.get(ctx.conf()));
        FirehoseHttpClient client = FirehoseHttpClient.create(endpoint(endpoint, command), ingestConf(ctx));
        try {
            return sub.body().run(new Context(ctx, client, command), line, line.getArgList());
        } catch (StreamApiException e) {
            throw new IOException(e.getMessage() + " (" + e.errorType() + ")", e);
        }
    }

    static Map<String, String> ingestConf(CommandContext ctx) {
        return StreamCommand.ingestConf(ctx.conf());
    }

    private static URI endpoint(String endpoint, String command) throws UsageException {
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null
                || uri.getHost() == null
                || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new UsageException(
                    "the endpoint must be an http:// URL like " + CliKeys.STREAM_ENDPOINT.defaultValue() + ", got '"
                            + endpoint + "'",
                    "pass --endpoint URL or set " + CliKeys.STREAM_ENDPOINT.key() + "; see '" + command + " --help'");
        }
        return uri;
    }

    private void printHelp(PrintStream out) {
        out.println("usage: silt deliver <sub-command> [arguments] [--endpoint URL]");
        out.println();
        out.println("Manages the delivery streams of a running 'silt server' over its Firehose API (the AWS SDKs'");
        out.println("Firehose clients work against the same endpoint). A delivery stream buffers records from its");
        out.println("source (direct-put, stream:NAME, kafka:HOST:PORT/TOPIC) and lands them as files, exactly once.");
        out.println();
        out.println("Sub-commands:");
        for (Sub s : subs.values()) {
            String syntax = s.name() + (s.positionals().isEmpty() ? "" : " " + String.join(" ", s.positionals()));
            out.printf(Locale.ROOT, "  %-28s %s%n", syntax, s.summary());
        }
        out.println();
        out.println("Example:");
        out.println("  silt server &  silt deliver create clicks --to /data/lake/clicks --interval-s 60");
        out.println("  silt gen ... | silt deliver put clicks;  silt deliver describe clicks");
    }

    // ---------------------------------------------------------------- create

    /** Options of {@code create}, each the delivery key it sets. */
    private static final Map<String, IngestKeys> KEY_OPTIONS = Map.of(
            "format", IngestKeys.DELIVERY_FORMAT,
            "compression", IngestKeys.DELIVERY_COMPRESSION,
            "buffer-mb", IngestKeys.DELIVERY_BUFFER_SIZE_MB,
            "interval-s", IngestKeys.DELIVERY_BUFFER_INTERVAL_SECONDS,
            "schema", IngestKeys.DELIVERY_ORC_SCHEMA,
            "prefix", IngestKeys.DELIVERY_PREFIX,
            "error-prefix", IngestKeys.DELIVERY_ERROR_PREFIX,
            "time-field", IngestKeys.DELIVERY_TIME_FIELD);

    private static Options createOptions() {
        Options o = new Options()
                .addOption(Option.builder()
                        .longOpt("to")
                        .hasArg()
                        .argName("URI")
                        .desc("where files land: file://, hdfs://, s3a:// URI or a local path (required)")
                        .build())
                .addOption(Option.builder()
                        .longOpt("source")
                        .hasArg()
                        .argName("SPEC")
                        .desc("direct-put (default), stream:NAME or kafka:HOST:PORT/TOPIC")
                        .build())
                .addOption(Option.builder()
                        .longOpt("set")
                        .hasArg()
                        .argName("KEY=VALUE")
                        .desc("any silt.ingest.delivery.* key of this stream (repeatable)")
                        .build());
        for (Map.Entry<String, IngestKeys> e : new java.util.TreeMap<>(KEY_OPTIONS).entrySet()) {
            IngestKeys k = e.getValue();
            o.addOption(Option.builder()
                    .longOpt(e.getKey())
                    .hasArg()
                    .argName(e.getKey().equals("format") ? "json|orc" : "V")
                    .desc(k.doc() + " (" + k.key() + ", default '" + k.defaultString() + "')")
                    .build());
        }
        return o;
    }

    private static int create(Context ctx, CommandLine line, List<String> args) throws Exception {
        String name = args.get(0);
        String to = line.getOptionValue("to");
        if (to == null || to.isBlank()) {
            throw ctx.usage("--to URI is required: where the delivery stream lands its files");
        }
        String destination = to.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")
                ? to
                : Path.of(to).toAbsolutePath().normalize().toUri().toString();
        Map<String, String> settings = new LinkedHashMap<>();
        for (Map.Entry<String, IngestKeys> e : KEY_OPTIONS.entrySet()) {
            String v = line.getOptionValue(e.getKey());
            if (v != null) {
                if (e.getKey().equals("format") && v.equalsIgnoreCase("json")) {
                    v = "JSON_LINES";
                }
                settings.put(e.getValue().key(), v);
            }
        }
        String[] sets = line.getOptionValues("set");
        if (sets != null) {
            for (String kv : sets) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw ctx.usage("--set takes KEY=VALUE, got '" + kv + "'");
                }
                settings.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
            }
        }
        String source = line.getOptionValue("source", "direct-put");
        String arn = ctx.client().create(name, destination, source, settings);
        ctx.out().println("created delivery stream '" + name + "' (" + source + " -> " + destination + "), ACTIVE");
        ctx.out().println("arn " + arn);
        return 0;
    }

    // ---------------------------------------------------------------- list and describe

    private static int list(Context ctx, CommandLine line, List<String> args) throws Exception {
        List<String> names = ctx.client().list();
        if (names.isEmpty()) {
            ctx.out().println("no delivery streams");
            return 0;
        }
        ctx.out().printf(Locale.ROOT, "%-24s %-8s %-24s %s%n", "NAME", "STATUS", "SOURCE", "DESTINATION");
        for (String n : names) {
            JsonNode d;
            try {
                d = ctx.client().describe(n);
            } catch (StreamApiException e) {
                if (StreamApiException.RESOURCE_NOT_FOUND.equals(e.errorType())) {
                    continue; // deleted between the list and its description
                }
                throw e;
            }
            ctx.out()
                    .printf(
                            Locale.ROOT,
                            "%-24s %-8s %-24s %s%n",
                            n,
                            d.path("DeliveryStreamStatus").asText(),
                            d.path("SiltSource").asText(),
                            d.path("SiltDestination").asText());
        }
        return 0;
    }

    private static int describe(Context ctx, CommandLine line, List<String> args) throws Exception {
        JsonNode d = ctx.client().describe(args.get(0));
        JsonNode s3 = d.path("Destinations").path(0).path("ExtendedS3DestinationDescription");
        PrintStream out = ctx.out();
        row(out, "name", d.path("DeliveryStreamName").asText());
        row(out, "status", d.path("DeliveryStreamStatus").asText());
        row(out, "source", d.path("SiltSource").asText());
        row(out, "destination", d.path("SiltDestination").asText());
        String format = s3.path("DataFormatConversionConfiguration")
                        .path("OutputFormatConfiguration")
                        .path("Serializer")
                        .has("OrcSerDe")
                ? "orc"
                : s3.has("DataFormatConversionConfiguration") ? "parquet" : "json lines";
        row(out, "format", format + ", " + s3.path("CompressionFormat").asText());
        row(
                out,
                "buffer",
                s3.path("BufferingHints").path("SizeInMBs").asText() + " MiB or "
                        + s3.path("BufferingHints").path("IntervalInSeconds").asText() + " s");
        row(
                out,
                "prefix",
                s3.path("Prefix").asText().isEmpty()
                        ? "(yyyy/MM/dd/HH/)"
                        : s3.path("Prefix").asText());
        row(out, "error prefix", s3.path("ErrorOutputPrefix").asText());
        StringBuilder settings = new StringBuilder();
        d.path("SiltSettings").properties().forEach(e -> settings.append(settings.length() == 0 ? "" : ", ")
                .append(e.getKey())
                .append('=')
                .append(e.getValue().asText()));
        if (settings.length() > 0) {
            row(out, "settings", settings.toString());
        }
        JsonNode m = d.path("SiltMetrics");
        if (!m.isMissingNode()) {
            row(
                    out,
                    "records in",
                    String.format(
                            Locale.ROOT,
                            "%,d (%,d bytes)",
                            m.path("RecordsIn").asLong(),
                            m.path("BytesIn").asLong()));
            row(
                    out,
                    "records out",
                    String.format(
                            Locale.ROOT,
                            "%,d in %,d files (%,d bytes)",
                            m.path("RecordsOut").asLong(),
                            m.path("FilesOut").asLong(),
                            m.path("BytesOut").asLong()));
            row(
                    out,
                    "errors",
                    String.format(
                            Locale.ROOT,
                            "%,d records in %,d files; %,d dropped",
                            m.path("ErrorRecords").asLong(),
                            m.path("ErrorFiles").asLong(),
                            m.path("DroppedRecords").asLong()));
            row(
                    out,
                    "lag",
                    String.format(
                            Locale.ROOT,
                            "%,d records, %,d ms; %,d bytes buffered",
                            m.path("LagRecords").asLong(),
                            m.path("LagMillis").asLong(),
                            m.path("BufferedBytes").asLong()));
        }
        JsonNode failure = d.path("FailureDescription").path("Details");
        if (!failure.isMissingNode()) {
            row(out, "failure", failure.asText());
        }
        return 0;
    }

    private static void row(PrintStream out, String label, String value) {
        out.printf(Locale.ROOT, "%-13s %s%n", label, value);
    }
}
