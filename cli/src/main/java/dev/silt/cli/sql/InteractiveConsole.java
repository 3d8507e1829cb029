package dev.silt.cli.sql;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The console on a terminal: line editing, multi-line statements (Enter continues until {@code ;}), history in a
 * file, tab completion, Ctrl-C to cancel the running query (at the prompt it clears the line), Ctrl-D to leave.
 */
public final class InteractiveConsole {
    static final String PROMPT = "silt=> ";
    static final String CONTINUATION = "silt-> ";

    private InteractiveConsole() {}

    /**
     * Runs until {@code \q} or Ctrl-D.
     *
     * @param setup applies the command line's settings (format, timing, …) to the console
     * @return the exit code: 0, or {@link SqlConsole#CONNECTION} when the connection broke
     */
    public static int run(QueryRunner runner, Path historyFile, UnaryOperator<SqlConsole> setup) throws IOException {
        try (Terminal terminal =
                TerminalBuilder.builder().system(true).nativeSignals(true).build()) {
            PrintWriter w = terminal.writer();
            SqlCompleter completer = new SqlCompleter(runner);
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("silt")
                    .parser(new SqlLineParser())
                    .completer(completer)
                    .variable(LineReader.HISTORY_FILE, historyFile)
                    .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION)
                    .variable(LineReader.HISTORY_FILE_SIZE, 10_000)
                    .option(LineReader.Option.HISTORY_IGNORE_DUPS, true)
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .build();
            SqlConsole console = setup.apply(new SqlConsole(runner, w, w, OutputFormat.ALIGNED, System::nanoTime)
                    .progress(new ProgressLine(w))
                    .onCatalogChange(completer::invalidate));
            w.println("silt sql: " + runner.description() + ". Type \\? for help, \\q to quit.");
            w.flush();
            Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, s -> runner.cancel());
            try {
                while (!console.quitRequested()) {
                    String input;
                    try {
                        input = reader.readLine(PROMPT);
                    } catch (UserInterruptException e) {
                        continue; // Ctrl-C at the prompt drops what was typed
                    } catch (EndOfFileException e) {
                        break;
                    }
                    StatementSplitter splitter = new StatementSplitter();
                    for (String line : input.split("\n", -1)) {
                        if (!console.runLine(splitter, line, null)) {
                            break;
                        }
                    }
                }
            } catch (ConnectionException e) {
                w.println("silt sql: " + e.getMessage());
                w.flush();
                return SqlConsole.CONNECTION;
            } finally {
                terminal.handle(Terminal.Signal.INT, previous);
                reader.getHistory().save();
            }
            return SqlConsole.OK;
        }
    }
}
