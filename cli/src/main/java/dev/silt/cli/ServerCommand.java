package dev.silt.cli;

import dev.silt.ingest.IngestKeys;
import dev.silt.ingest.wire.KinesisServer;
import dev.silt.sql.SqlEngine;
import dev.silt.sql.SqlKeys;
import dev.silt.sql.memory.MemoryConnector;
import dev.silt.sql.pgwire.PgServer;
import dev.silt.sql.pgwire.PgServerOptions;
import dev.silt.sql.tpch.TpchConnector;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code silt server}: runs silt's services in the foreground until Ctrl-C or SIGTERM. Today that is the stream
 * server (Kinesis API); every service it starts keeps its data under {@code silt.data.dir} (or {@code --data}).
 */
final class ServerCommand implements Command {
    private static final String SYNTAX = "silt server [--stream-port P] [--sql-port P] [--data DIR]";

    @Override
    public String name() {
        return "server";
    }

    @Override
    public String summary() {
        return "run silt's services (the stream server, the SQL server) in the foreground";
    }

    @Override
    public int run(CommandContext ctx, List<String> args) throws Exception {
        Options options = new Options()
                .addOption(Usage.help())
                .addOption(Option.builder()
                        .longOpt("stream-port")
                        .hasArg()
                        .argName("P")
                        .desc("stream server TCP port (default " + IngestKeys.WIRE_PORT.key() + ", "
                                + IngestKeys.WIRE_PORT.defaultLong() + "; 0 picks a free one)")
                        .build())
                .addOption(Option.builder()
                        .longOpt("sql-port")
                        .hasArg()
                        .argName("P")
                        .desc("SQL server (PostgreSQL protocol) TCP port (default " + SqlKeys.PGWIRE_PORT.key() + ", "
                                + SqlKeys.PGWIRE_PORT.defaultLong() + "; 0 picks a free one)")
                        .build())
                .addOption(Option.builder()
                        .longOpt("data")
                        .hasArg()
                        .argName("DIR")
                        .desc("local data directory (default " + CliKeys.DATA_DIR.key() + ")")
                        .build());
        if (Usage.wantsHelp(args)) {
            Usage.print(
                    ctx.out(),
                    SYNTAX,
                    "Runs silt's services until Ctrl-C or SIGTERM, which close them cleanly: the stream server\n"
                            + "(Kinesis API; its streams live in <data>/" + StreamServe.STREAM_DIR
                            + "), on the same port the delivery streams (Firehose API, 'silt deliver';\n"
                            + "defined in <data>/" + DELIVERY_DIR
                            + "), and the SQL server (PostgreSQL protocol on 127.0.0.1:"
                            + SqlKeys.PGWIRE_PORT.defaultLong() + ").",
                    options,
                    "Every silt.ingest.* key applies (-D silt.ingest.wire.port=4567, -D silt.ingest.fsync.policy=NONE,"
                            + " ...).\nThe same stream server runs alone with 'silt stream serve'.");
            return 0;
        }
        CommandLine line = Usage.parse("silt server", options, args);
        String sqlPort = line.hasOption("sql-port")
                ? SqlServe.port("--sql-port", line.getOptionValue("sql-port"), "silt server")
                : null;
        Map<String, String> conf = StreamCommand.ingestConf(ctx.conf());
        if (line.hasOption("stream-port")) {
            conf.put(IngestKeys.WIRE_PORT.key(), port(line.getOptionValue("stream-port")));
        }
        Path data = line.hasOption("data")
                ? Path.of(line.getOptionValue("data"))
                : StreamServe.localDir(CliKeys.DATA_DIR.get(ctx.conf()), "silt server");
        try {
            startSql(ctx, sqlPort);
            serve(conf, data, ctx);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), "run 'silt server --help' for usage");
        }
        return 0;
    }

    /**
     * Starts the SQL server (PostgreSQL protocol, {@code silt.sql.*} keys) next to the stream server; a shutdown hook
     * closes it and its engine.
     */
    private static void startSql(CommandContext ctx, String sqlPort) throws Exception {
        Map<String, String> conf = SqlServe.sqlConf(ctx.conf());
        if (sqlPort != null) {
            conf.put(SqlKeys.PGWIRE_PORT.key(), sqlPort);
        }
        PgServerOptions options = PgServerOptions.from(conf);
        SqlEngine engine = SqlEngine.create(List.of(new MemoryConnector(), new TpchConnector()), conf);
        PgServer sql;
        try {
            sql = PgServer.open(engine, options).start();
        } catch (Exception e) {
            engine.close();
            throw e;
        }
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            sql.close();
                            engine.close();
                        },
                        "silt-sql-shutdown"));
        ctx.out().println(PgServer.banner(sql));
    }

    /** Subdirectory of the data directory that holds the delivery-stream definitions. */
    static final String DELIVERY_DIR = "delivery";

    /**
     * The stream server and, on the same port, the delivery streams of {@code <data>/delivery} (Firehose API);
     * those that were running start again before it listens.
     */
    private static void serve(Map<String, String> conf, Path data, CommandContext ctx)
            throws java.io.IOException, InterruptedException {
        KinesisServer.serve(conf, data.resolve(StreamServe.STREAM_DIR), data.resolve(DELIVERY_DIR), ctx.out());
    }

    private static String port(String value) throws UsageException {
        UsageException bad = new UsageException(
                "--stream-port must be a port number from 0 to 65535, got '" + value + "'",
                "run 'silt server --help' for usage");
        int port;
        try {
            port = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            bad.initCause(e);
            throw bad;
        }
        if (port < 0 || port > 65535) {
            throw bad;
        }
        return Integer.toString(port);
    }
}
