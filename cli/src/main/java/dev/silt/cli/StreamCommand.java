package dev.silt.cli;

import dev.silt.ingest.IngestKeys;
import dev.silt.ingest.client.KinesisHttpClient;
import dev.silt.ingest.consumer.StreamApiException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.hadoop.conf.Configuration;

/**
 * {@code silt stream <sub-command>}: creates, feeds, reads and reshards streams on a stream server, over the Kinesis
 * JSON protocol ({@code --endpoint}, else {@code silt.stream.endpoint}); {@code serve} runs such a server.
 */
final class StreamCommand implements Command {
    /** One {@code silt stream} sub-command: its options, its positional arguments, and what it does. */
    interface Sub {
        String name();

        String summary();

        /** Positional arguments, in order, as they appear in the usage line (e.g. {@code NAME}). */
        List<String> positionals();

        /** Its own options; {@code --help} and (unless {@link #local}) {@code --endpoint} are added. */
        Options options();

        /** A longer description and examples for {@code --help}, or null. */
        String footer();

        /** True when it needs no server ({@code serve}). */
        default boolean local() {
            return false;
        }

        int run(Context ctx, CommandLine line, List<String> args) throws Exception;
    }

    /** What a sub-command runs with: the command's context and, unless local, a client for the endpoint. */
    record Context(CommandContext command, KinesisHttpClient client, String name) {
        PrintStream out() {
            return command.out();
        }

        Configuration conf() {
            return command.conf();
        }

        UsageException usage(String message) {
            return new UsageException(message, "run '" + name + " --help' for usage");
        }
    }

    private final Map<String, Sub> subs = new LinkedHashMap<>();

    StreamCommand() {
        for (Sub s : List.of(
                StreamAdmin.create(),
                StreamAdmin.list(),
                StreamAdmin.describe(),
                new StreamPut(),
                new StreamTail(),
                StreamAdmin.split(),
                StreamAdmin.merge(),
                StreamAdmin.scale(),
                StreamAdmin.retention(),
                StreamAdmin.delete(),
                new StreamServe())) {
            subs.put(s.name(), s);
        }
    }

    @Override
    public String name() {
        return "stream";
    }

    @Override
    public String summary() {
        return "create, feed, read and reshard streams (Kinesis API); serve one";
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
                            ? "'silt stream' needs a sub-command: " + String.join(", ", subs.keySet())
                            : "unknown option '" + args.get(0) + "' for 'silt stream'",
                    "run 'silt stream --help' for usage");
        }
        String name = args.get(0);
        Sub sub = subs.get(name);
        if (sub == null) {
            String suggestion = Suggest.closest(name, subs.keySet());
            throw new UsageException(
                    "unknown sub-command '" + name + "' for 'silt stream'"
                            + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)"),
                    "run 'silt stream --help' for the list");
        }
        String command = "silt stream " + name;
        Options options = sub.options();
        if (!sub.local()) {
            options.addOption(Option.builder()
                    .longOpt("endpoint")
                    .hasArg()
                    .argName("URL")
                    .desc("stream server (default: " + CliKeys.STREAM_ENDPOINT.key() + ", "
                            + CliKeys.STREAM_ENDPOINT.defaultValue() + ")")
                    .build());
        }
        options.addOption(Usage.help());
        List<String> rest = args.subList(1, args.size());
        if (Usage.wantsHelp(rest)) {
            String positionals = sub.positionals().isEmpty() ? "" : " " + String.join(" ", sub.positionals());
            Usage.print(ctx.out(), command + positionals + " [options]", sub.summary(), options, sub.footer());
            return 0;
        }
        CommandLine line = Usage.parse(command, options, rest, sub.positionals());
        KinesisHttpClient client = null;
        if (!sub.local()) {
            String endpoint = line.getOptionValue("endpoint", CliKeys.STREAM_ENDPOINT.get(ctx.conf()));
            client = client(endpoint, ctx.conf(), command);
        }
        try {
            return sub.run(new Context(ctx, client, command), line, line.getArgList());
        } catch (StreamApiException e) {
            // The server's own wording names the stream or shard; the error name says which kind of problem.
            throw new IOException(e.getMessage() + " (" + e.errorType() + ")", e);
        }
    }

    private static KinesisHttpClient client(String endpoint, Configuration conf, String command) throws UsageException {
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
                    "the stream endpoint must be an http:// URL like " + CliKeys.STREAM_ENDPOINT.defaultValue()
                            + ", got '" + endpoint + "'",
                    "pass --endpoint URL or set " + CliKeys.STREAM_ENDPOINT.key() + "; see '" + command + " --help'");
        }
        return KinesisHttpClient.create(uri, ingestConf(conf));
    }

    /** The {@code silt.ingest.*} keys set in the command's configuration, for the ingest library. */
    static Map<String, String> ingestConf(Configuration conf) {
        Map<String, String> map = new HashMap<>();
        for (IngestKeys k : IngestKeys.values()) {
            String v = conf.get(k.key());
            if (v != null) {
                map.put(k.key(), v);
            }
        }
        return map;
    }

    private void printHelp(PrintStream out) {
        out.println("usage: silt stream <sub-command> [arguments] [--endpoint URL]");
        out.println();
        out.println("Talks to a stream server over the Kinesis API (awscli and the AWS SDKs work against it too).");
        out.println();
        out.println("Sub-commands:");
        for (Sub s : subs.values()) {
            String syntax = s.name() + (s.positionals().isEmpty() ? "" : " " + String.join(" ", s.positionals()));
            out.printf(Locale.ROOT, "  %-28s %s%n", syntax, s.summary());
        }
        out.println();
        out.println("The endpoint is --endpoint, else " + CliKeys.STREAM_ENDPOINT.key() + " (default "
                + CliKeys.STREAM_ENDPOINT.defaultValue() + ").");
        out.println("Run 'silt stream <sub-command> --help' for its options. Example:");
        out.println("  silt stream serve &  silt stream create clicks --shards 4 --wait");
        out.println("  silt gen ... | silt stream put clicks --key-field user;  silt stream tail clicks --follow");
    }

    /** A whole number argument in a range, or a usage error naming it. */
    static long number(Context ctx, String what, String value, long min, long max) throws UsageException {
        long n;
        try {
            n = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw ctx.usage(what + " must be a whole number, got '" + value + "'");
        }
        if (n < min || n > max) {
            throw ctx.usage(String.format(Locale.ROOT, "%s must be between %d and %d, got %d", what, min, max, n));
        }
        return n;
    }

    /** {@code 3} is short for {@code shardId-000000000003}. */
    static String shardId(String arg) {
        if (!arg.isEmpty() && arg.length() <= 12 && arg.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return String.format(Locale.ROOT, "shardId-%012d", Long.parseLong(arg));
        }
        return arg;
    }
}
