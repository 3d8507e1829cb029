package dev.silt.sql.pgwire.internal;

import dev.silt.sql.spi.ColumnType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statements a PostgreSQL session answers itself rather than the engine: transaction control (accepted; the
 * engine commits every statement), {@code SET}/{@code RESET}/{@code SHOW} of session settings, {@code DISCARD},
 * {@code DEALLOCATE}, and the session functions clients call on connect ({@code version()},
 * {@code current_schema()}, …). Also rewrites those functions inside other queries into constants. One instance per
 * session, used by the session's worker only.
 */
final class SessionCommands {
    static final String SERVER_VERSION = "16.0 (silt)";
    static final String VERSION_TEXT = "PostgreSQL 16.0 (silt) on the silt SQL engine, Java "
            + Runtime.version().feature();

    /** A statement's outcome: its tag and, for SHOW and session functions, one row set. */
    record Local(String tag, List<String> names, List<ColumnType> types, List<Object[]> rows) {
        boolean hasRows() {
            return !names.isEmpty();
        }
    }

    /** A session-level error with its SQLSTATE. */
    static final class SessionError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String sqlState;

        SessionError(String sqlState, String message) {
            super(message);
            this.sqlState = sqlState;
        }
    }

    private static final Pattern BEGIN =
            Pattern.compile("(?is)^(begin|start\\s+transaction)(\\s+(work|transaction)\\b)?.*$");
    private static final Pattern COMMIT =
            Pattern.compile("(?is)^(commit|end)(\\s+(work|transaction))?(\\s+and\\s+no\\s+chain)?$");
    private static final Pattern ROLLBACK =
            Pattern.compile("(?is)^(rollback|abort)(\\s+(work|transaction))?(\\s+and\\s+no\\s+chain)?$");
    private static final Pattern ROLLBACK_TO =
            Pattern.compile("(?is)^rollback\\s+(work\\s+|transaction\\s+)?to\\s+.*$");
    private static final Pattern SAVEPOINT = Pattern.compile("(?is)^(savepoint|release)\\s+.*$");
    private static final Pattern SET_TIME_ZONE =
            Pattern.compile("(?is)^set\\s+(?:session\\s+|local\\s+)?time\\s+zone\\s+(.+)$");
    private static final Pattern SET =
            Pattern.compile("(?is)^set\\s+(?:session\\s+|local\\s+)?([\\w.]+)\\s*(?:=|\\s+to\\s+)\\s*(.+)$");
    private static final Pattern SET_OTHER = Pattern.compile(
            "(?is)^set\\s+(session\\s+characteristics|transaction|constraints|role|session\\s+authorization)\\b.*$");
    private static final Pattern RESET = Pattern.compile("(?is)^reset\\s+([\\w.]+)$");
    private static final Pattern SHOW =
            Pattern.compile("(?is)^show\\s+([\\w.]+|time\\s+zone|transaction\\s+isolation\\s+level)$");
    private static final Pattern DISCARD = Pattern.compile("(?is)^discard\\s+(all|plans|sequences|temp|temporary)$");
    private static final Pattern DEALLOCATE = Pattern.compile("(?is)^deallocate\\s+(prepare\\s+)?.+$");
    private static final Pattern FUNCTION = Pattern.compile(
            "(?is)^select\\s+(pg_catalog\\.)?(version|current_schema|current_database|current_user|session_user|user|pg_backend_pid)\\s*(\\(\\s*\\))?\\s*$");
    private static final Pattern FUNCTION_IN_QUERY = Pattern.compile(
            "(?i)(?<![\\w.\"])(?:pg_catalog\\.)?(version\\s*\\(\\s*\\)|current_schema\\s*\\(\\s*\\)|current_database\\s*\\(\\s*\\)|pg_backend_pid\\s*\\(\\s*\\)|current_user\\b|session_user\\b)");

    /** Settings reported to the client (ParameterStatus) when they change. */
    private static final List<String> REPORTED = List.of(
            "application_name",
            "client_encoding",
            "DateStyle",
            "IntervalStyle",
            "TimeZone",
            "standard_conforming_strings",
            "integer_datetimes",
            "server_version",
            "server_encoding",
            "is_superuser",
            "session_authorization");

    private final Map<String, String> defaults = new LinkedHashMap<>();
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final String user;
    private final String database;
    private final int pid;

    SessionCommands(String user, String database, int pid, Map<String, String> startup) {
        this.user = user;
        this.database = database;
        this.pid = pid;
        defaults.put("application_name", "");
        defaults.put("client_encoding", "UTF8");
        defaults.put("DateStyle", "ISO, MDY");
        defaults.put("default_transaction_read_only", "off");
        defaults.put("extra_float_digits", "1");
        defaults.put("in_hot_standby", "off");
        defaults.put("integer_datetimes", "on");
        defaults.put("IntervalStyle", "postgres");
        defaults.put("is_superuser", "on");
        defaults.put("max_identifier_length", "63");
        defaults.put("search_path", "\"$user\", public");
        defaults.put("server_encoding", "UTF8");
        defaults.put("server_version", SERVER_VERSION);
        defaults.put("server_version_num", "160000");
        defaults.put("session_authorization", user);
        defaults.put("standard_conforming_strings", "on");
        defaults.put("statement_timeout", "0");
        defaults.put("TimeZone", "UTC");
        defaults.put("transaction_isolation", "read committed");
        settings.putAll(defaults);
        for (Map.Entry<String, String> e : startup.entrySet()) {
            String name = canonical(e.getKey());
            if (name.equals("client_encoding")) {
                continue; // the server speaks UTF8 only; clients that asked otherwise are told so
            }
            settings.put(name, e.getValue());
        }
    }

    /** The settings sent as ParameterStatus right after authentication. */
    Map<String, String> reported() {
        Map<String, String> r = new LinkedHashMap<>();
        for (String name : REPORTED) {
            r.put(name, settings.get(name));
        }
        return r;
    }

    String database() {
        return database;
    }

    /** The setting's canonical name: known settings keep PostgreSQL's spelling, others fold to lower case. */
    private String canonical(String name) {
        for (String k : defaults.keySet()) {
            if (k.equalsIgnoreCase(name)) {
                return k;
            }
        }
        return name.toLowerCase(Locale.ROOT);
    }

    /** Whether {@code sql} ends a transaction (allowed in a failed one). */
    static boolean endsTransaction(String sql) {
        return COMMIT.matcher(sql).matches()
                || ROLLBACK.matcher(sql).matches()
                || ROLLBACK_TO.matcher(sql).matches();
    }

    /**
     * Runs {@code sql} if it is a session statement: returns its outcome, updates {@code tx} (index 0: 'I', 'T' or
     * 'E') and adds changed reported settings to {@code changed}; returns null for statements the engine runs.
     */
    Local run(String sql, char[] tx, Map<String, String> changed, List<String> notices) {
        Matcher m;
        if (ROLLBACK_TO.matcher(sql).matches()) {
            if (tx[0] != 'I') {
                tx[0] = 'T';
            }
            return tag("ROLLBACK");
        }
        if (BEGIN.matcher(sql).matches()) {
            if (tx[0] != 'I') {
                notices.add("there is already a transaction in progress");
            } else {
                tx[0] = 'T';
            }
            return tag(sql.regionMatches(true, 0, "start", 0, 5) ? "START TRANSACTION" : "BEGIN");
        }
        if (COMMIT.matcher(sql).matches()) {
            String t = tx[0] == 'E' ? "ROLLBACK" : "COMMIT";
            if (tx[0] == 'I') {
                notices.add("there is no transaction in progress");
            }
            tx[0] = 'I';
            return tag(t);
        }
        if (ROLLBACK.matcher(sql).matches()) {
            if (tx[0] == 'I') {
                notices.add("there is no transaction in progress");
            }
            tx[0] = 'I';
            return tag("ROLLBACK");
        }
        if ((m = SAVEPOINT.matcher(sql)).matches()) {
            if (tx[0] == 'I') {
                throw new SessionError(
                        "25P01", m.group(1).toUpperCase(Locale.ROOT) + " can only be used in transaction blocks");
            }
            return tag(m.group(1).toUpperCase(Locale.ROOT));
        }
        if ((m = SET_TIME_ZONE.matcher(sql)).matches()) {
            set("TimeZone", m.group(1), changed);
            return tag("SET");
        }
        if (SET_OTHER.matcher(sql).matches()) {
            return tag("SET");
        }
        if ((m = SET.matcher(sql)).matches()) {
            set(m.group(1), m.group(2), changed);
            return tag("SET");
        }
        if ((m = RESET.matcher(sql)).matches()) {
            if (m.group(1).equalsIgnoreCase("all")) {
                for (String k : new ArrayList<>(settings.keySet())) {
                    reset(k, changed);
                }
            } else {
                reset(canonical(m.group(1)), changed);
            }
            return tag("RESET");
        }
        if ((m = SHOW.matcher(sql)).matches()) {
            return show(m.group(1));
        }
        if ((m = DISCARD.matcher(sql)).matches()) {
            return tag("DISCARD " + m.group(1).toUpperCase(Locale.ROOT));
        }
        if (DEALLOCATE.matcher(sql).matches()) {
            return tag("DEALLOCATE");
        }
        if ((m = FUNCTION.matcher(sql)).matches()) {
            String fn = m.group(2).toLowerCase(Locale.ROOT);
            Object value = fn.equals("pg_backend_pid") ? (Object) pid : functionValue(fn);
            ColumnType type = fn.equals("pg_backend_pid") ? ColumnType.INTEGER : ColumnType.VARCHAR;
            List<Object[]> rows = new ArrayList<>();
            rows.add(new Object[] {value});
            return new Local("SELECT 1", List.of(fn.equals("user") ? "current_user" : fn), List.of(type), rows);
        }
        return null;
    }

    /** Describes a session statement without running it: null when the engine runs {@code sql}. */
    Local describe(String sql) {
        Matcher m;
        if ((m = SHOW.matcher(sql)).matches()) {
            return show(m.group(1));
        }
        if ((m = FUNCTION.matcher(sql)).matches()) {
            String fn = m.group(2).toLowerCase(Locale.ROOT);
            ColumnType type = fn.equals("pg_backend_pid") ? ColumnType.INTEGER : ColumnType.VARCHAR;
            return new Local("SELECT 1", List.of(fn.equals("user") ? "current_user" : fn), List.of(type), List.of());
        }
        boolean session = endsTransaction(sql)
                || BEGIN.matcher(sql).matches()
                || SAVEPOINT.matcher(sql).matches()
                || SET_TIME_ZONE.matcher(sql).matches()
                || SET_OTHER.matcher(sql).matches()
                || SET.matcher(sql).matches()
                || RESET.matcher(sql).matches()
                || DISCARD.matcher(sql).matches()
                || DEALLOCATE.matcher(sql).matches();
        return session ? tag("") : null;
    }

    /** {@code sql} with session functions ({@code version()}, {@code current_user}, …) replaced by constants. */
    String rewriteFunctions(String sql) {
        if (!FUNCTION_IN_QUERY.matcher(sql).find()) {
            return sql;
        }
        return SqlText.rewriteCode(sql, code -> {
            Matcher m = FUNCTION_IN_QUERY.matcher(code);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String fn = m.group(1).replaceAll("[\\s()]", "").toLowerCase(Locale.ROOT);
                String literal = fn.equals("pg_backend_pid") ? Integer.toString(pid) : SqlText.quote(functionValue(fn));
                m.appendReplacement(sb, Matcher.quoteReplacement(literal));
            }
            m.appendTail(sb);
            return sb.toString();
        });
    }

    private String functionValue(String fn) {
        switch (fn) {
            case "version":
                return VERSION_TEXT;
            case "current_schema":
                return "public";
            case "current_database":
                return database;
            default:
                return user;
        }
    }

    private void set(String rawName, String rawValue, Map<String, String> changed) {
        String name = canonical(rawName);
        String value = unquote(rawValue.strip());
        if (value.equalsIgnoreCase("default")) {
            reset(name, changed);
            return;
        }
        if (name.equals("client_encoding")) {
            String v = value.toUpperCase(Locale.ROOT).replace("-", "");
            if (!v.equals("UTF8") && !v.equals("UNICODE")) {
                throw new SessionError(
                        SqlStates.INVALID_PARAMETER_VALUE,
                        "client_encoding " + value + " is not supported: silt speaks UTF8 only");
            }
            value = "UTF8";
        }
        if (name.equals("DateStyle") && !value.toUpperCase(Locale.ROOT).startsWith("ISO")) {
            throw new SessionError(
                    SqlStates.INVALID_PARAMETER_VALUE,
                    "DateStyle " + value + " is not supported: silt prints dates in ISO style only");
        }
        put(name, value, changed);
    }

    private void reset(String name, Map<String, String> changed) {
        String d = defaults.get(name);
        if (d == null) {
            settings.remove(name);
        } else {
            put(name, d, changed);
        }
    }

    private void put(String name, String value, Map<String, String> changed) {
        String old = settings.put(name, value);
        if (REPORTED.contains(name) && !value.equals(old)) {
            changed.put(name, value);
        }
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
            return v.substring(1, v.length() - 1).replace("''", "'");
        }
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    private Local show(String rawName) {
        String n = rawName.replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        if (n.equals("all")) {
            List<Object[]> rows = new ArrayList<>();
            for (Map.Entry<String, String> e : settings.entrySet()) {
                rows.add(new Object[] {e.getKey(), e.getValue(), ""});
            }
            return new Local(
                    "SHOW",
                    List.of("name", "setting", "description"),
                    List.of(ColumnType.VARCHAR, ColumnType.VARCHAR, ColumnType.VARCHAR),
                    rows);
        }
        String name = n.equals("time zone")
                ? "TimeZone"
                : n.equals("transaction isolation level") ? "transaction_isolation" : canonical(n);
        String value = settings.get(name);
        if (value == null) {
            throw new SessionError(
                    SqlStates.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + rawName + "\"");
        }
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {value});
        return new Local("SHOW", List.of(name.toLowerCase(Locale.ROOT)), List.of(ColumnType.VARCHAR), rows);
    }

    private static Local tag(String tag) {
        return new Local(tag, List.of(), List.of(), List.of());
    }
}
