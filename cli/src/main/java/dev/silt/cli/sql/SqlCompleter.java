package dev.silt.cli.sql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion: SQL keywords, backslash commands, and the names the runner knows (catalogs, schemas, tables as
 * {@code name}, {@code schema.name} and {@code catalog.schema.name}, columns). Names are fetched on first use and
 * again after {@link #invalidate} (a statement that created or dropped something).
 *
 * <p>Threading: called on the console's reader thread, never while a statement runs.
 */
final class SqlCompleter implements Completer {
    /** Columns are fetched for at most this many distinct tables, so a big server does not stall the prompt. */
    private static final int MAX_TABLES_FOR_COLUMNS = 200;

    static final List<String> KEYWORDS = List.of(
            "SELECT",
            "FROM",
            "WHERE",
            "GROUP BY",
            "ORDER BY",
            "HAVING",
            "LIMIT",
            "OFFSET",
            "JOIN",
            "LEFT JOIN",
            "RIGHT JOIN",
            "FULL JOIN",
            "INNER JOIN",
            "CROSS JOIN",
            "ON",
            "USING",
            "AS",
            "AND",
            "OR",
            "NOT",
            "IN",
            "EXISTS",
            "BETWEEN",
            "LIKE",
            "ILIKE",
            "IS NULL",
            "IS NOT NULL",
            "CASE",
            "WHEN",
            "THEN",
            "ELSE",
            "END",
            "DISTINCT",
            "UNION",
            "UNION ALL",
            "INTERSECT",
            "EXCEPT",
            "WITH",
            "VALUES",
            "INSERT INTO",
            "CREATE TABLE",
            "CREATE VIEW",
            "CREATE OR REPLACE VIEW",
            "DROP TABLE",
            "DROP VIEW",
            "IF EXISTS",
            "EXPLAIN",
            "USE",
            "CAST",
            "COUNT",
            "SUM",
            "AVG",
            "MIN",
            "MAX",
            "COALESCE",
            "NULLIF",
            "EXTRACT",
            "INTERVAL",
            "DATE",
            "TIMESTAMP",
            "ASC",
            "DESC",
            "NULLS FIRST",
            "NULLS LAST",
            "TRUE",
            "FALSE",
            "NULL",
            "BIGINT",
            "INTEGER",
            "DOUBLE",
            "DECIMAL",
            "VARCHAR",
            "BOOLEAN");

    private static final List<String> META =
            List.of("\\q", "\\?", "\\d", "\\dt", "\\dv", "\\x", "\\format", "\\pset", "\\timing", "\\echo");

    private final QueryRunner runner;
    private List<String> names;

    SqlCompleter(QueryRunner runner) {
        this.runner = runner;
    }

    void invalidate() {
        names = null;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String word = line.word().substring(0, line.wordCursor());
        if (line.wordIndex() == 0 && word.startsWith("\\")) {
            for (String m : META) {
                candidates.add(new Candidate(m, m, null, null, null, null, true));
            }
            return;
        }
        boolean lower = !word.isEmpty() && Character.isLowerCase(word.charAt(0));
        for (String k : KEYWORDS) {
            String v = lower ? k.toLowerCase(Locale.ROOT) : k;
            candidates.add(new Candidate(v, v, "keyword", null, null, null, !k.contains(" ")));
        }
        for (String n : names(reader)) {
            candidates.add(new Candidate(n, n, null, null, null, null, true));
        }
    }

    /** Every completable name; a listing that fails is shown above the prompt, and its names are left out. */
    List<String> names(LineReader reader) {
        if (names != null) {
            return names;
        }
        Set<String> out = new LinkedHashSet<>();
        try {
            Set<String> seen = new HashSet<>();
            List<QueryRunner.TableName> tables = runner.tables();
            for (QueryRunner.TableName t : tables) {
                out.add(t.catalog());
                out.add(t.catalog() + "." + t.schema());
                out.add(t.schema());
                out.add(t.name());
                out.add(t.schema() + "." + t.name());
                out.add(t.qualified());
            }
            for (QueryRunner.TableName t : tables) {
                // tpch has the same tables at every scale: one listing of their columns is enough
                if (seen.size() < MAX_TABLES_FOR_COLUMNS && seen.add(t.catalog() + "\u0000" + t.name())) {
                    for (ResultTable.Column c : runner.columns(t)) {
                        out.add(c.name());
                    }
                }
            }
        } catch (StatementException | ConnectionException e) {
            if (reader != null) {
                reader.printAbove("completion could not list names: " + e.getMessage());
            }
        }
        names = new ArrayList<>(out);
        return names;
    }
}
