package dev.silt.cli;

import dev.silt.ingest.IngestKeys;
import dev.silt.ingest.wire.KinesisServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code silt stream serve}: runs the stream server in the foreground until Ctrl-C or SIGTERM, which close it
 * cleanly (operations in flight are answered, shard logs are forced and closed).
 */
final class StreamServe implements StreamCommand.Sub {
    /** Under {@code silt.data.dir}: where the server keeps its streams unless {@code --data} says otherwise. */
    static final String STREAM_DIR = "streams";

    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String summary() {
        return "run the stream server (Kinesis API) in the foreground";
    }

    @Override
    public List<String> positionals() {
        return List.of();
    }

    @Override
    public boolean local() {
        return true;
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Option.builder()
                        .longOpt("port")
                        .hasArg()
                        .argName("P")
                        .desc("TCP port on 127.0.0.1 (default " + IngestKeys.WIRE_PORT.key() + ", "
                                + IngestKeys.WIRE_PORT.defaultLong() + "; 0 picks a free one)")
                        .build())
                .addOption(Option.builder()
                        .longOpt("data")
                        .hasArg()
                        .argName("DIR")
                        .desc("local directory of the streams (default <" + CliKeys.DATA_DIR.key() + ">/" + STREAM_DIR
                                + ")")
                        .build());
    }

    @Override
    public String footer() {
        return "Every silt.ingest.* key applies (-D silt.ingest.retention.hours=48, -D silt.ingest.fsync.policy=NONE,\n"
                + "...). Point awscli or an AWS SDK at the printed endpoint, e.g.\n"
                + "  aws kinesis list-streams --endpoint-url http://127.0.0.1:4567";
    }

    @Override
    public int run(StreamCommand.Context ctx, CommandLine line, List<String> args) throws Exception {
        Map<String, String> conf = StreamCommand.ingestConf(ctx.conf());
        if (line.hasOption("port")) {
            long port = StreamCommand.number(ctx, "--port", line.getOptionValue("port"), 0, 65535);
            conf.put(IngestKeys.WIRE_PORT.key(), Long.toString(port));
        }
        Path dir = line.hasOption("data")
                ? Path.of(line.getOptionValue("data"))
                : localDir(CliKeys.DATA_DIR.get(ctx.conf()), "silt stream serve")
                        .resolve(STREAM_DIR);
        try {
            KinesisServer.serve(conf, dir, ctx.out());
        } catch (IllegalArgumentException e) {
            throw ctx.usage(e.getMessage());
        }
        return 0;
    }

    /**
     * The stream server keeps its logs on a local disk: {@code silt.data.dir} must be a path or a file: URI.
     *
     * @param command the command line asking, for the hint of the usage error
     */
    static Path localDir(String dataDir, String command) throws UsageException {
        if (dataDir.startsWith("file:")) {
            return Path.of(URI.create(dataDir));
        }
        if (dataDir.matches("^[a-zA-Z][a-zA-Z0-9+.-]+://.*")) {
            throw new UsageException(
                    "the stream server keeps its data on a local disk, but " + CliKeys.DATA_DIR.key() + " is " + dataDir
                            + "; pass --data DIR",
                    "run '" + command + " --help' for usage");
        }
        return Path.of(dataDir);
    }
}
