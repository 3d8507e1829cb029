package dev.silt.cli;

import dev.silt.cli.sql.ConnectionException;
import dev.silt.cli.sql.EmbeddedRunner;
import dev.silt.cli.sql.InteractiveConsole;
import dev.silt.cli.sql.JdbcRunner;
import dev.silt.cli.sql.OutputFormat;
import dev.silt.cli.sql.QueryRunner;
import dev.silt.cli.sql.SqlConsole;
import dev.silt.sql.SqlKeys;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code silt sql}: the SQL console, on the embedded engine or, with {@code --host}, on a silt SQL server. Runs
 * {@code -c} strings and {@code -f} files in order, else reads standard input as a script when it is not a terminal,
 * else is interactive. Further words name sub-commands ({@code silt sql serve}).
 */
final class SqlCommand implements Command {
    static final String SYNTAX =
            "silt sql [--host H [--port P] [--user U] [--database D]] [-c SQL]... [-f FILE]... [--format F]"
                    + " [--continue-on-error]";
    static final int DEFAULT_PORT = 5439;
    static final String HISTORY_FILE = ".silt_history";
    static final String HOME_ENV = "SILT_HOME";
    static final String PASSWORD_ENV = "PGPASSWORD";

    private final Map<String, Command> subcommands = new LinkedHashMap<>();

    SqlCommand() {
        for (Command c : subcommands()) {
            subcommands.put(c.name(), c);
        }
    }

    /** The other {@code silt sql} commands; {@code silt sql serve} (the PostgreSQL-protocol server) is added here. */
    private static List<Command> subcommands() {
        return List.of(new Command() {
            @Override
            public String name() {
                return "serve";
            }

            @Override
            public String summary() {
                return "serve SQL over the PostgreSQL protocol (psql, JDBC, BI tools)";
            }

            @Override
            public int run(CommandContext ctx, List<String> args) throws Exception {
                return SqlServe.run(ctx, args);
            }
        });
    }

    @Override
    public String name() {
        return "sql";
    }

    @Override
    public String summary() {
        return "SQL console: interactive, -c/-f scripts, embedded engine or --host server";
    }

    static Options options() {
        return new Options()
                .addOption(Usage.help())
                .addOption(Option.builder("c")
                        .longOpt("command")
                        .hasArg()
                        .argName("SQL")
                        .desc("run SQL (statements and backslash commands; repeatable, in order with -f)")
                        .build())
                .addOption(Option.builder("f")
                        .longOpt("file")
                        .hasArg()
                        .argName("FILE")
                        .desc("run a script file, '-' for standard input (repeatable)")
                        .build())
                .addOption(Option.builder()
                        .longOpt("format")
                        .hasArg()
                        .argName("F")
                        .desc("output format: aligned (default), csv, json (one object per line), vertical")
                        .build())
                .addOption(Option.builder()
                        .longOpt("continue-on-error")
                        .desc("in scripts, go on after a failed statement (the exit code is still 1)")
                        .build())
                .addOption(Option.builder()
                        .longOpt("timing")
                        .desc("print how long each statement took")
                        .build())
                .addOption(Option.builder()
                        .longOpt("null")
                        .hasArg()
                        .argName("TEXT")
                        .desc("how NULL is shown in aligned and vertical output (default NULL)")
                        .build())
                .addOption(Option.builder()
                        .longOpt("host")
                        .hasArg()
                        .argName("H")
                        .desc("connect to the silt SQL server on H instead of running the engine in-process")
                        .build())
                .addOption(Option.builder()
                        .longOpt("port")
                        .hasArg()
                        .argName("P")
                        .desc("the server's port (default " + DEFAULT_PORT + ")")
                        .build())
                .addOption(Option.builder()
                        .longOpt("user")
                        .hasArg()
                        .argName("U")
                        .desc("user name on the server (default $USER); the password is read from $" + PASSWORD_ENV)
                        .build())
                .addOption(Option.builder()
                        .longOpt("database")
                        .hasArg()
                        .argName("D")
                        .desc("database on the server (default silt)")
                        .build());
    }

    static String footer() {
        return String.join(
                "\n",
                "With neither -c nor -f, standard input is read as a script unless it is a terminal; on a terminal",
                "the console is interactive (\\? lists its backslash commands; history in $" + HOME_ENV + "/"
                        + HISTORY_FILE + ", else ~/" + HISTORY_FILE + ").",
                "Engine settings are -D keys: " + String.join(", ", sqlKeyNames()) + ".",
                "",
                "Exit codes (for cron and scripts):",
                "  0  every statement succeeded",
                "  1  a statement failed (scripts stop at the first failure unless --continue-on-error)",
                "  2  bad command line",
                "  3  cannot connect to the server, or the connection broke",
                "",
                "Examples:",
                "  silt sql -c 'use tpch.tiny' -c 'select n_name from nation limit 3'",
                "  silt sql --format csv -f report.sql > report.csv",
                "  echo 'select 1;' | silt sql --host 127.0.0.1 --port 5439");
    }

    private static List<String> sqlKeyNames() {
        List<String> names = new java.util.ArrayList<>();
        for (SqlKeys k : SqlKeys.values()) {
            names.add(k.key());
        }
        return names;
    }

    @Override
    public int run(CommandContext ctx, List<String> args) throws Exception {
        if (!args.isEmpty() && subcommands.containsKey(args.get(0))) {
            return subcommands.get(args.get(0)).run(ctx, args.subList(1, args.size()));
        }
        Options options = options();
        if (Usage.wantsHelp(args)) {
            Usage.print(
                    ctx.out(),
                    SYNTAX,
                    "The SQL console. Statements end with ';'. Runs on the embedded engine (catalogs memory and tpch)\n"
                            + "unless --host names a silt SQL server.",
                    options,
                    footer());
            return SqlConsole.OK;
        }
        CommandLine line = Usage.parse("silt sql", options, args);
        OutputFormat format = OutputFormat.ALIGNED;
        if (line.hasOption("format")) {
            format = OutputFormat.parse(line.getOptionValue("format"));
            if (format == null) {
                throw new UsageException(
                        "unknown --format '" + line.getOptionValue("format") + "'",
                        "use aligned, csv, json or vertical");
            }
        }
        if (!line.hasOption("host")) {
            for (String o : List.of("port", "user", "database")) {
                if (line.hasOption(o)) {
                    throw new UsageException("--" + o + " needs --host", "run 'silt sql --help' for usage");
                }
            }
        }
        boolean scripted = line.hasOption("c") || line.hasOption("f");
        boolean interactive = !scripted && ctx.in() == System.in && Terminals.stdinIsTerminal();
        QueryRunner runner;
        try {
            runner = runner(ctx, line);
        } catch (ConnectionException e) {
            ctx.err().println("silt sql: " + e.getMessage());
            return SqlConsole.CONNECTION;
        }
        try (QueryRunner r = runner) {
            if (interactive) {
                OutputFormat f = format;
                return InteractiveConsole.run(r, historyFile(), c -> configure(c, line, f));
            }
            return script(ctx, line, r, format);
        } catch (ConnectionException e) {
            ctx.err().println("silt sql: " + e.getMessage());
            return SqlConsole.CONNECTION;
        }
    }

    private static SqlConsole configure(SqlConsole console, CommandLine line, OutputFormat format) {
        console.continueOnError(line.hasOption("continue-on-error")).timing(line.hasOption("timing"));
        if (line.hasOption("null")) {
            console.nullText(line.getOptionValue("null"));
        }
        return console.format(format);
    }

    private static int script(CommandContext ctx, CommandLine line, QueryRunner runner, OutputFormat format)
            throws IOException, ConnectionException, UsageException {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(ctx.out(), StandardCharsets.UTF_8), false);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(ctx.err(), StandardCharsets.UTF_8), true);
        SqlConsole console = new SqlConsole(runner, out, err, format, System::nanoTime)
                .continueOnError(line.hasOption("continue-on-error"))
                .timing(line.hasOption("timing"));
        if (line.hasOption("null")) {
            console.nullText(line.getOptionValue("null"));
        }
        try {
            boolean any = false;
            for (Option o : line.getOptions()) {
                boolean go;
                if (o.getOpt() != null && o.getOpt().equals("c")) {
                    go = console.runScript(new BufferedReader(new StringReader(o.getValue())), "-c");
                } else if (o.getOpt() != null && o.getOpt().equals("f")) {
                    go = runFile(ctx, console, o.getValue());
                } else {
                    continue;
                }
                any = true;
                if (!go) {
                    break;
                }
            }
            if (!any) {
                console.runScript(reader(ctx.in()), "<stdin>");
            }
        } finally {
            out.flush();
        }
        return console.exitCode();
    }

    private static boolean runFile(CommandContext ctx, SqlConsole console, String name)
            throws IOException, ConnectionException, UsageException {
        if (name.equals("-")) {
            return console.runScript(reader(ctx.in()), "<stdin>");
        }
        try (BufferedReader in = Files.newBufferedReader(Path.of(name), StandardCharsets.UTF_8)) {
            return console.runScript(in, name);
        } catch (NoSuchFileException e) {
            throw new UsageException("-f " + name + ": no such file", "check the path");
        }
    }

    private static BufferedReader reader(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    private static QueryRunner runner(CommandContext ctx, CommandLine line) throws UsageException, ConnectionException {
        if (!line.hasOption("host")) {
            Map<String, String> conf = new HashMap<>();
            for (SqlKeys k : SqlKeys.values()) {
                String v = ctx.conf().get(k.key());
                if (v != null) {
                    conf.put(k.key(), v);
                }
            }
            try {
                return new EmbeddedRunner(conf);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage(), "run 'silt sql --help' for the engine's keys");
            }
        }
        String host = line.getOptionValue("host");
        int port = DEFAULT_PORT;
        if (line.hasOption("port")) {
            String p = line.getOptionValue("port");
            try {
                port = Integer.parseInt(p.trim());
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new UsageException(
                        "--port must be a port number from 1 to 65535, got '" + p + "'",
                        "run 'silt sql --help' for usage");
            }
        }
        String user = line.getOptionValue("user", System.getProperty("user.name", "silt"));
        String database = line.getOptionValue("database", "silt");
        return JdbcRunner.connect(host, port, user, System.getenv(PASSWORD_ENV), database);
    }

    static Path historyFile() {
        String home = System.getenv(HOME_ENV);
        if (home != null && !home.isEmpty()) {
            return Path.of(home, HISTORY_FILE);
        }
        return Path.of(System.getProperty("user.home"), HISTORY_FILE);
    }
}
