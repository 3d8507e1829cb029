package dev.silt.cli.sql;

import java.util.Locale;

/** How the console prints results: {@code --format}, {@code \format}, {@code \pset format} and {@code \x}. */
public enum OutputFormat {
    /** psql's aligned table with a row-count footer. */
    ALIGNED(new AlignedFormatter()),
    /** RFC 4180: a header line, CRLF line ends, quotes where needed; NULL is an empty field, '' is {@code ""}. */
    CSV(new CsvFormatter()),
    /** One JSON object per row and line, keyed by column name; NULL is {@code null}. */
    JSON(new JsonLinesFormatter()),
    /** One {@code column | value} line per column, a header line per row (psql's {@code \x}). */
    VERTICAL(new VerticalFormatter());

    private final ResultFormatter formatter;

    OutputFormat(ResultFormatter formatter) {
        this.formatter = formatter;
    }

    public ResultFormatter formatter() {
        return formatter;
    }

    /** Whether it is for people (status lines, timings on standard output) rather than for programs. */
    public boolean human() {
        return this == ALIGNED || this == VERTICAL;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format named {@code name} (case-insensitive; {@code table} = aligned, {@code jsonl} = json), or null. */
    public static OutputFormat parse(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "aligned":
            case "table":
                return ALIGNED;
            case "csv":
                return CSV;
            case "json":
            case "jsonl":
                return JSON;
            case "vertical":
            case "expanded":
                return VERTICAL;
            default:
                return null;
        }
    }
}
