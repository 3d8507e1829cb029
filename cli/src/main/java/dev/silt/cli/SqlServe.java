package dev.silt.cli;

import dev.silt.sql.SqlKeys;
import dev.silt.sql.pgwire.PgServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.hadoop.conf.Configuration;

/**
 * {@code silt sql serve}: serves the SQL engine over the PostgreSQL wire protocol in the foreground until Ctrl-C or
 * SIGTERM, so psql, JDBC and BI tools connect to it.
 */
final class SqlServe {
    static final String SYNTAX = "silt sql serve [--port P] [--bind ADDRESS]";

    private SqlServe() {}

    static Options options() {
        return new Options()
                .addOption(Usage.help())
                .addOption(Option.builder()
                        .longOpt("port")
                        .hasArg()
                        .argName("P")
                        .desc("TCP port (default " + SqlKeys.PGWIRE_PORT.key() + ", "
                                + SqlKeys.PGWIRE_PORT.defaultLong() + "; 0 picks a free one)")
                        .build())
                .addOption(Option.builder()
                        .longOpt("bind")
                        .hasArg()
                        .argName("ADDRESS")
                        .desc("listen address (default " + SqlKeys.PGWIRE_BIND.key() + ", "
                                + SqlKeys.PGWIRE_BIND.defaultString()
                                + "); other than loopback needs " + SqlKeys.PGWIRE_AUTH.key() + " and users")
                        .build());
    }

    static int run(CommandContext ctx, List<String> args) throws Exception {
        Options options = options();
        if (Usage.wantsHelp(args)) {
            Usage.print(
                    ctx.out(),
                    SYNTAX,
                    "Serves silt SQL over the PostgreSQL protocol until Ctrl-C or SIGTERM (tpch.* and memory.* tables).",
                    options,
                    "Every silt.sql.* key applies (-D silt.sql.pgwire.auth=scram-sha-256 -D"
                            + " silt.sql.pgwire.users=alice:secret,\n-D silt.sql.workers=4, ...). Connect with\n"
                            + "  psql -h 127.0.0.1 -p 5439 -U silt silt   or   jdbc:postgresql://127.0.0.1:5439/silt");
            return 0;
        }
        CommandLine line = Usage.parse("silt sql serve", options, args);
        Map<String, String> conf = sqlConf(ctx.conf());
        if (line.hasOption("port")) {
            conf.put(SqlKeys.PGWIRE_PORT.key(), port("--port", line.getOptionValue("port"), "silt sql serve"));
        }
        if (line.hasOption("bind")) {
            conf.put(SqlKeys.PGWIRE_BIND.key(), line.getOptionValue("bind"));
        }
        try {
            PgServer.serve(conf, ctx.out());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), "run 'silt sql serve --help' for usage");
        }
        return 0;
    }

    /** The {@code silt.sql.*} keys set in the command's configuration, for the SQL library. */
    static Map<String, String> sqlConf(Configuration conf) {
        Map<String, String> map = new HashMap<>();
        for (SqlKeys k : SqlKeys.values()) {
            String v = conf.get(k.key());
            if (v != null) {
                map.put(k.key(), v);
            }
        }
        return map;
    }

    /** A port number option, or a usage error naming it. */
    static String port(String option, String value, String command) throws UsageException {
        UsageException bad = new UsageException(
                option + " must be a port number from 0 to 65535, got '" + value + "'",
                "run '" + command + " --help' for usage");
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
