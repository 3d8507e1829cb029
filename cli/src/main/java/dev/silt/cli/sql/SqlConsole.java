package dev.silt.cli.sql;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * The console's engine room: runs statements and backslash commands from scripts, {@code -c} strings or the
 * interactive reader, prints results in the chosen format, and keeps the exit code.
 *
 * <p>Exit codes: {@link #OK} 0, {@link #SQL_ERROR} 1 (a statement or backslash command failed; scripts stop at
 * the first unless continuing on errors, and then still end with 1), {@link #USAGE} 2 (decided by the command
 * line), {@link #CONNECTION} 3 (the server cannot be reached or the connection broke; thrown as {@link
 * ConnectionException}).
 *
 * <p>Not thread-safe: one thread drives it. It does not own the runner or the writers.
 */
public final class SqlConsole {
    public static final int OK = 0;
    public static final int SQL_ERROR = 1;
    public static final int USAGE = 2;
    public static final int CONNECTION = 3;

    private static final Pattern WORD = Pattern.compile("\\s+");

    private final QueryRunner runner;
    private final PrintWriter out;
    private final PrintWriter err;
    private final LongSupplier nanoTime;
    private OutputFormat format;
    private OutputFormat beforeExpanded;
    private boolean timing;
    private String nullText = "NULL";
    private boolean continueOnError;
    private ProgressLine progress;
    private boolean quit;
    private boolean failed;
    private Runnable catalogChanged = () -> {};

    /**
     * @param nanoTime the clock timings are taken with ({@link System#nanoTime} outside tests)
     */
    public SqlConsole(
            QueryRunner runner, PrintWriter out, PrintWriter err, OutputFormat format, LongSupplier nanoTime) {
        this.runner = runner;
        this.out = out;
        this.err = err;
        this.format = format;
        this.nanoTime = nanoTime;
    }

    public SqlConsole continueOnError(boolean on) {
        continueOnError = on;
        return this;
    }

    public SqlConsole timing(boolean on) {
        timing = on;
        return this;
    }

    public SqlConsole format(OutputFormat f) {
        format = f;
        return this;
    }

    public SqlConsole nullText(String text) {
        nullText = text;
        return this;
    }

    /** Shows elapsed time and rows while a statement runs longer than a moment (only on a terminal). */
    public SqlConsole progress(ProgressLine line) {
        progress = line;
        return this;
    }

    /** Called after a statement that may have created or dropped tables (completion refreshes its names). */
    public SqlConsole onCatalogChange(Runnable r) {
        catalogChanged = r;
        return this;
    }

    public QueryRunner runner() {
        return runner;
    }

    /** Whether {@code \q} was given. */
    public boolean quitRequested() {
        return quit;
    }

    /** The exit code so far: 1 once anything failed, else 0. */
    public int exitCode() {
        return failed ? SQL_ERROR : OK;
    }

    /**
     * Runs a script: statements end with {@code ;}, a line starting with {@code \} (outside a statement) is a
     * backslash command, and a last statement without {@code ;} runs at the end of input.
     *
     * @param name what to call the input in error messages ({@code -c}, a file name, {@code <stdin>})
     * @return false when it stopped at an error (or at {@code \q})
     */
    public boolean runScript(BufferedReader in, String name) throws IOException, ConnectionException {
        StatementSplitter splitter = new StatementSplitter();
        String line;
        int lineNo = 0;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (!runLine(splitter, line, name + ":" + lineNo)) {
                return false;
            }
        }
        String rest = splitter.pending();
        if (!rest.isEmpty()) {
            return statement(rest, name + ":" + lineNo);
        }
        return true;
    }

    /**
     * Feeds one line: runs the statements it completes, or the backslash command it is.
     *
     * @return false when the caller should stop (an error without continue-on-error, or {@code \q})
     */
    public boolean runLine(StatementSplitter splitter, String line, String where) throws ConnectionException {
        if (splitter.isEmpty() && line.strip().startsWith("\\")) {
            splitter.reset();
            boolean ok = meta(line.strip(), where);
            return !quit && (ok || continueOnError);
        }
        for (String s : splitter.feed(line + "\n")) {
            if (!statement(s, where) && !continueOnError) {
                return false;
            }
        }
        return true;
    }

    /** Runs one statement and prints its result; returns false if it failed (the error is printed). */
    public boolean statement(String sql, String where) throws ConnectionException {
        long start = nanoTime.getAsLong();
        ResultTable result;
        if (progress != null) {
            progress.start(runner::rowsSoFar);
        }
        try {
            result = runner.execute(sql);
        } catch (StatementException e) {
            return fail(where, e.getMessage());
        } finally {
            if (progress != null) {
                progress.stop();
            }
        }
        long elapsed = nanoTime.getAsLong() - start;
        if (result.isQuery()) {
            StringBuilder b = new StringBuilder();
            format.formatter().format(result, nullText, true, b);
            out.print(b);
        } else {
            String first = firstWord(sql);
            if (first.equals("create") || first.equals("drop") || first.equals("alter")) {
                catalogChanged.run();
            }
            if (format.human()) {
                out.println(tag(sql, result.updateCount()));
            }
        }
        if (timing) {
            (format.human() ? out : err).println(String.format(Locale.ROOT, "Time: %.3f ms", elapsed / 1_000_000.0));
        }
        out.flush();
        return true;
    }

    private boolean fail(String where, String message) {
        failed = true;
        out.flush();
        err.println((where == null ? "" : where + ": ") + "ERROR: " + message);
        err.flush();
        return false;
    }

    private static String firstWord(String sql) {
        String[] w = WORD.split(sql.strip(), 2);
        return w[0].toLowerCase(Locale.ROOT);
    }

    /** psql's command tag: {@code INSERT 0 3}, {@code CREATE TABLE}, {@code SELECT 5} for CREATE TABLE AS, … */
    static String tag(String sql, long count) {
        String[] w = WORD.split(sql.strip().toUpperCase(Locale.ROOT), 6);
        String first = w[0];
        if (first.equals("INSERT")) {
            return "INSERT 0 " + Math.max(0, count);
        }
        if ((first.equals("CREATE") || first.equals("DROP") || first.equals("ALTER")) && w.length > 1) {
            int i = 1;
            if (w.length > 3 && w[1].equals("OR") && w[2].equals("REPLACE")) {
                i = 3;
            }
            String what = w[i].replaceAll("[^A-Z_]", "");
            if (first.equals("CREATE") && what.equals("TABLE") && count > 0) {
                return "SELECT " + count;
            }
            return first + " " + what;
        }
        return count > 0 ? first.replaceAll("[^A-Z_]", "") + " " + count : first.replaceAll("[^A-Z_]", "");
    }

    /** Runs one backslash command; returns false if it failed. */
    public boolean meta(String line, String where) throws ConnectionException {
        String[] parts = WORD.split(line.strip(), 2);
        String cmd = parts[0];
        String arg = parts.length > 1 ? parts[1].strip() : "";
        try {
            switch (cmd) {
                case "\\q":
                case "\\quit":
                    quit = true;
                    return true;
                case "\\?":
                    out.print(help());
                    break;
                case "\\x":
                    expanded(arg);
                    break;
                case "\\timing":
                    timing = onOff("\\timing", arg, !timing);
                    out.println("Timing is " + (timing ? "on." : "off."));
                    break;
                case "\\format":
                    setFormat(arg);
                    break;
                case "\\pset":
                    pset(arg);
                    break;
                case "\\echo":
                    out.println(arg);
                    break;
                case "\\d":
                    if (arg.isEmpty()) {
                        listTables("", null);
                    } else {
                        describe(arg);
                    }
                    break;
                case "\\dt":
                    listTables(arg, "table");
                    break;
                case "\\dv":
                    listTables(arg, "view");
                    break;
                default:
                    return fail(where, "invalid command " + cmd + "; try \\? for help");
            }
        } catch (IllegalArgumentException e) {
            return fail(where, e.getMessage());
        } catch (StatementException e) {
            return fail(where, e.getMessage());
        }
        out.flush();
        return true;
    }

    private void expanded(String arg) {
        boolean on = onOff("\\x", arg, format != OutputFormat.VERTICAL);
        if (on && format != OutputFormat.VERTICAL) {
            beforeExpanded = format;
            format = OutputFormat.VERTICAL;
        } else if (!on && format == OutputFormat.VERTICAL) {
            format = beforeExpanded == null ? OutputFormat.ALIGNED : beforeExpanded;
        }
        out.println("Expanded display is " + (on ? "on." : "off."));
    }

    private static boolean onOff(String cmd, String arg, boolean toggled) {
        switch (arg.toLowerCase(Locale.ROOT)) {
            case "":
                return toggled;
            case "on":
                return true;
            case "off":
                return false;
            default:
                throw new IllegalArgumentException(cmd + " expects on or off, got '" + arg + "'");
        }
    }

    private void setFormat(String arg) {
        if (arg.isEmpty()) {
            out.println("Output format is " + format.label() + ".");
            return;
        }
        OutputFormat f = OutputFormat.parse(arg);
        if (f == null) {
            throw new IllegalArgumentException(
                    "unknown output format '" + arg + "'; use aligned, csv, json or vertical");
        }
        format = f;
        out.println("Output format is " + format.label() + ".");
    }

    private void pset(String arg) {
        String[] p = WORD.split(arg, 2);
        String value = p.length > 1 ? p[1] : "";
        switch (p[0]) {
            case "":
                out.println("format " + format.label());
                out.println("null '" + nullText + "'");
                break;
            case "format":
                setFormat(value);
                break;
            case "null":
                nullText = unquote(value);
                out.println("Null display is \"" + nullText + "\".");
                break;
            case "expanded":
                expanded(value);
                break;
            default:
                throw new IllegalArgumentException(
                        "\\pset: unknown option '" + p[0] + "'; use format, null or expanded");
        }
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("'") && s.endsWith("'")
                ? s.substring(1, s.length() - 1).replace("''", "'")
                : s;
    }

    private void listTables(String pattern, String kind) throws StatementException, ConnectionException {
        Pattern p = pattern.isEmpty() ? null : glob(pattern);
        int dots = pattern.isEmpty()
                ? 0
                : pattern.length() - pattern.replace(".", "").length();
        List<List<Object>> rows = new ArrayList<>();
        for (QueryRunner.TableName t : runner.tables()) {
            if (kind != null && !kind.equals(t.kind())) {
                continue;
            }
            String key = dots == 0 ? t.name() : dots == 1 ? t.schema() + "." + t.name() : t.qualified();
            if (p == null || p.matcher(key).matches()) {
                rows.add(List.of(t.catalog(), t.schema(), t.name(), t.kind()));
            }
        }
        if (rows.isEmpty()) {
            out.println(
                    pattern.isEmpty()
                            ? "Did not find any relations."
                            : "Did not find any relation named \"" + pattern + "\".");
            return;
        }
        List<ResultTable.Column> cols = List.of(
                new ResultTable.Column("catalog", "varchar", false),
                new ResultTable.Column("schema", "varchar", false),
                new ResultTable.Column("name", "varchar", false),
                new ResultTable.Column("type", "varchar", false));
        StringBuilder b = new StringBuilder();
        format.formatter().format(new ResultTable(cols, rows, -1), nullText, true, b);
        out.print(b);
    }

    /** psql patterns: {@code *} any text, {@code ?} one character; unquoted letters match case-insensitively. */
    static Pattern glob(String pattern) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (c != '"') {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), pattern.contains("\"") ? 0 : Pattern.CASE_INSENSITIVE);
    }

    private void describe(String name) throws StatementException, ConnectionException {
        QueryRunner.TableName t = resolve(runner.tables(), name);
        if (t == null) {
            throw new IllegalArgumentException("did not find any relation named \"" + name + "\"");
        }
        List<ResultTable.Column> cols = runner.columns(t);
        List<List<Object>> rows = new ArrayList<>();
        for (ResultTable.Column c : cols) {
            boolean notNull = c.type().endsWith(" NOT NULL");
            String type = notNull ? c.type().substring(0, c.type().length() - " NOT NULL".length()) : c.type();
            rows.add(List.of(c.name(), type.toLowerCase(Locale.ROOT), notNull ? "not null" : ""));
        }
        if (format.human()) {
            out.println((t.kind().equals("view") ? "View " : "Table ") + "\"" + t.qualified() + "\"");
        }
        StringBuilder b = new StringBuilder();
        format.formatter()
                .format(
                        new ResultTable(
                                List.of(
                                        new ResultTable.Column("column", "varchar", false),
                                        new ResultTable.Column("type", "varchar", false),
                                        new ResultTable.Column("nullable", "varchar", false)),
                                rows,
                                -1),
                        nullText,
                        false,
                        b);
        out.print(b);
    }

    /**
     * The table a name of one, two or three parts means: with fewer parts, the first match in catalog order (the
     * default {@code memory.public} comes first). Unquoted names are compared case-insensitively.
     */
    static QueryRunner.TableName resolve(List<QueryRunner.TableName> tables, String name) {
        List<String> parts = new ArrayList<>();
        for (String p : name.split("\\.", -1)) {
            parts.add(
                    p.startsWith("\"") && p.endsWith("\"") && p.length() >= 2
                            ? p.substring(1, p.length() - 1)
                            : p.toLowerCase(Locale.ROOT));
        }
        for (QueryRunner.TableName t : tables) {
            List<String> full = List.of(t.catalog(), t.schema(), t.name());
            if (parts.size() <= 3 && full.subList(3 - parts.size(), 3).equals(parts)) {
                return t;
            }
        }
        return null;
    }

    static String help() {
        return String.join(
                "\n",
                "Statements end with ';' and may span lines. Backslash commands:",
                "  \\q                   quit",
                "  \\?                   this help",
                "  \\d [NAME]            list tables and views, or describe one",
                "  \\dt [PATTERN]        list tables (PATTERN: * and ?, optionally schema.name)",
                "  \\dv [PATTERN]        list views",
                "  \\x [on|off]          expanded (vertical) display",
                "  \\format [FORMAT]     output format: aligned, csv, json, vertical",
                "  \\pset format FORMAT  the same, as psql says it",
                "  \\pset null TEXT      how NULL is shown in aligned and vertical output",
                "  \\timing [on|off]     show how long each statement took",
                "  \\echo TEXT           print TEXT",
                "Ctrl-C cancels the running query; Ctrl-D or \\q leaves.",
                "");
    }
}
