package dev.silt.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.MissingOptionException;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

/** Parsing and help text shared by the commands (commons-cli APIs present in 1.9, Hadoop's version). */
final class Usage {
    static final int WIDTH = 100;

    private Usage() {}

    static Option help() {
        return Option.builder("h").longOpt("help").desc("print this help").build();
    }

    static boolean wantsHelp(List<String> args) {
        return args.contains("--help") || args.contains("-h");
    }

    /**
     * Parses {@code args} against {@code options}, turning every problem into a {@link UsageException} that
     * names the offending option and points at {@code command --help}. Positional arguments are refused.
     */
    static CommandLine parse(String command, Options options, List<String> args) throws UsageException {
        return parse(command, options, args, List.of());
    }

    /**
     * As {@link #parse(String, Options, List)}, but exactly the named positional arguments are expected, in order
     * (their values are {@code line.getArgList()}); a missing one is named in the error.
     */
    static CommandLine parse(String command, Options options, List<String> args, List<String> positionals)
            throws UsageException {
        String hint = "run '" + command + " --help' for usage";
        CommandLine line;
        try {
            line = DefaultParser.builder()
                    .setAllowPartialMatching(false)
                    .build()
                    .parse(options, args.toArray(new String[0]));
        } catch (UnrecognizedOptionException e) {
            throw new UsageException("unknown option '" + e.getOption() + "' for '" + command + "'", hint);
        } catch (MissingOptionException e) {
            List<?> missing = e.getMissingOptions();
            StringBuilder names = new StringBuilder();
            for (Object o : missing) {
                names.append(names.length() == 0 ? "" : ", ").append("--").append(o);
            }
            throw new UsageException("'" + command + "' needs " + names, hint);
        } catch (MissingArgumentException e) {
            throw new UsageException(
                    "option '--" + e.getOption().getLongOpt() + "' of '" + command + "' needs a value", hint);
        } catch (ParseException e) {
            throw new UsageException(e.getMessage() + " ('" + command + "')", hint);
        }
        List<String> given = line.getArgList();
        if (given.size() < positionals.size()) {
            throw new UsageException(
                    "'" + command + "' needs "
                            + String.join(" ", positionals.subList(given.size(), positionals.size())),
                    hint);
        }
        if (given.size() > positionals.size()) {
            throw new UsageException(
                    "unexpected argument '" + given.get(positionals.size()) + "' for '" + command + "'", hint);
        }
        return line;
    }

    static void print(PrintStream out, String syntax, String header, Options options, String footer) {
        PrintWriter w = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        new HelpFormatter()
                .printHelp(
                        w,
                        WIDTH,
                        syntax,
                        header == null ? null : "\n" + header + "\n\n",
                        options,
                        2,
                        3,
                        footer == null ? null : "\n" + footer,
                        false);
        w.flush();
    }
}
