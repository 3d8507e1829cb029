package dev.silt.cli;

import java.io.File;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.hadoop.conf.Configuration;

/**
 * The {@code silt} command: {@code silt [-D key=value]... [--verbose] <command> [arguments]}.
 *
 * <p>Exit codes: 0 success, 1 a failure while running (one line; the stack trace only with {@code --verbose}
 * or {@code SILT_DEBUG=1}), 2 a mistake in the command line (one line naming it, and a hint).
 */
public final class Silt {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private final Map<String, Command> commands = new LinkedHashMap<>();

    Silt(JobRunner runner) {
        for (Command c : List.of(
                new GenCommand(),
                new MrCommand(runner),
                new QuickstartCommand(runner),
                new StreamCommand(),
                new DeliverCommand(),
                new ServerCommand(),
                new SqlCommand(),
                new VersionCommand())) {
            commands.put(c.name(), c);
        }
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        int code = run(args, System.in, out, err);
        // exit-ok: the command's one entry point turns the result into the process exit code.
        System.exit(code);
    }

    /** Runs the command without exiting, with no standard input; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, InputStream.nullInputStream(), out, err);
    }

    /** Runs the command without exiting, reading records from {@code in} where it needs to; returns the exit code. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return new Silt(JobRunner.IN_PROCESS).run(args, in, out, err, System.getenv(), new File("."));
    }

    int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, File workingDir) {
        return run(args, InputStream.nullInputStream(), out, err, env, workingDir);
    }

    int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env, File workingDir) {
        boolean verbose = "1".equals(env.get(CliKeys.DEBUG_ENV));
        try {
            Options global = globalOptions();
            CommandLine line;
            try {
                // Global options come before the command; everything after belongs to the command.
                line = DefaultParser.builder()
                        .setAllowPartialMatching(false)
                        .build()
                        .parse(global, splitDefines(args), true);
            } catch (MissingArgumentException e) {
                throw new UsageException(
                        "option '-" + e.getOption().getOpt() + "' needs a value", "e.g. silt -D key=value <command>");
            } catch (ParseException e) {
                throw new UsageException(e.getMessage(), "run 'silt help' for usage");
            }
            verbose |= line.hasOption("verbose");
            List<String> rest = line.getArgList();
            if (line.hasOption("help") || (!rest.isEmpty() && rest.get(0).equals("help"))) {
                return help(rest.isEmpty() ? List.of() : rest.subList(1, rest.size()), out, err, env, workingDir);
            }
            if (rest.isEmpty()) {
                printUsage(err);
                return USAGE;
            }
            String name = rest.get(0);
            if (name.startsWith("-")) {
                throw new UsageException("unknown option '" + name + "'", "run 'silt help' for usage");
            }
            Command command = command(name);
            String[] defines = line.getOptionValues("D");
            Configuration conf =
                    SiltConfiguration.load(env, workingDir, defines == null ? List.of() : Arrays.asList(defines));
            return command.run(new CommandContext(conf, in, out, err, verbose), rest.subList(1, rest.size()));
        } catch (UsageException e) {
            err.println("silt: " + e.getMessage());
            if (e.hint() != null) {
                err.println("hint: " + e.hint());
            }
            return USAGE;
        } catch (Exception | LinkageError e) {
            err.println("silt: error: " + describe(e));
            if (verbose) {
                e.printStackTrace(err);
            } else {
                err.println("(run with --verbose or " + CliKeys.DEBUG_ENV + "=1 for details)");
            }
            return FAILED;
        }
    }

    private Command command(String name) throws UsageException {
        Command command = commands.get(name);
        if (command == null) {
            String suggestion = Suggest.closest(name, commands.keySet());
            throw new UsageException(
                    "unknown command '" + name + "'"
                            + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)"),
                    "run 'silt help' for the list of commands");
        }
        return command;
    }

    private int help(List<String> topic, PrintStream out, PrintStream err, Map<String, String> env, File workingDir)
            throws Exception {
        if (topic.isEmpty()) {
            printUsage(out);
            return OK;
        }
        Command command = command(topic.get(0));
        List<String> args = new ArrayList<>(topic.subList(1, topic.size()));
        args.add("--help");
        Configuration conf = SiltConfiguration.load(env, workingDir, List.of());
        return command.run(new CommandContext(conf, InputStream.nullInputStream(), out, err, false), args);
    }

    /**
     * Turns {@code -Dkey=value} before the command into {@code -D key=value}: commons-cli only reads the
     * joined form for multi-valued options, and ours takes one {@code key=value} so it can be checked whole.
     */
    static String[] splitDefines(String[] args) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < args.length && args[i].startsWith("-")) {
            String t = args[i++];
            if (t.equals("-D") && i < args.length) {
                out.add(t);
                out.add(args[i++]);
            } else if (t.startsWith("-D") && t.length() > 2) {
                out.add("-D");
                out.add(t.substring(2));
            } else {
                out.add(t);
            }
        }
        out.addAll(Arrays.asList(args).subList(i, args.length));
        return out.toArray(new String[0]);
    }

    static Options globalOptions() {
        return new Options()
                .addOption(Option.builder("D")
                        .hasArg()
                        .argName("key=value")
                        .desc("set a configuration key (repeatable); overrides silt-site.xml")
                        .build())
                .addOption(Option.builder("v")
                        .longOpt("verbose")
                        .desc("print stack traces with errors")
                        .build())
                .addOption(Usage.help());
    }

    private void printUsage(PrintStream out) {
        StringBuilder list = new StringBuilder("Commands:\n");
        for (Command c : commands.values()) {
            list.append(String.format(Locale.ROOT, "  %-12s %s%n", c.name(), c.summary()));
        }
        list.append(
                String.format(Locale.ROOT, "  %-12s %s%n", "help", "this text; 'silt help <command>' for a command's"));
        list.append("\nConfiguration: $")
                .append(CliKeys.CONF_DIR_ENV)
                .append("/")
                .append(CliKeys.SITE_FILE)
                .append(" (else ./")
                .append(CliKeys.DEFAULT_CONF_DIR)
                .append("/")
                .append(CliKeys.SITE_FILE)
                .append("), then -D key=value. Keys:\n");
        for (CliKeys k : CliKeys.values()) {
            list.append(String.format(Locale.ROOT, "  %-30s %-12s %s%n", k.key(), k.defaultValue(), k.doc()));
        }
        list.append("\nExit codes: 0 success, 1 failure while running, 2 bad command line.");
        Usage.print(
                out,
                "silt [-D key=value]... [--verbose] <command> [arguments]",
                "silt: batch analytics on Hadoop. Run 'silt <command> --help' for a command's options.",
                globalOptions(),
                list.toString());
    }

    /** One line for an error: its message (first line only), or its type if it has none. */
    static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            Throwable cause = e.getCause();
            return cause != null && cause != e ? describe(cause) : e.getClass().getSimpleName();
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
