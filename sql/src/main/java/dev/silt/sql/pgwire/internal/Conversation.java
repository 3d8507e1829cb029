package dev.silt.sql.pgwire.internal;

import dev.silt.sql.QueryControl;
import dev.silt.sql.QueryResult;
import dev.silt.sql.SqlEngine;
import dev.silt.sql.SqlException;
import dev.silt.sql.spi.ColumnType;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The query side of a session, after authentication: the simple protocol (Query) and the extended one (Parse,
 * Bind, Describe, Execute, Sync, Close, Flush) with named and unnamed statements and portals, portal suspension,
 * and "skip until Sync" after an error. Statements run on the engine; their rows are streamed to the socket one
 * batch at a time, and the statement waits while the socket's buffer is full. Used by one worker at a time (the
 * session's drain); {@link #cancel} may be called from any thread.
 */
final class Conversation {
    private static final System.Logger LOG = System.getLogger(Conversation.class.getName());
    private static final Pattern CREATE_TABLE_AS = Pattern.compile("(?is)^create\\s+table\\s+.*?\\bas\\b.*$");
    private static final int MAX_PARAMETERS = 65_535;

    /** How Execute reports columns it was not asked to describe: not at all, RowDescription, or also NoData. */
    private enum Describe {
        NONE,
        ROWS,
        ROWS_OR_NO_DATA
    }

    private record Prepared(String sql, int[] paramOids) {}

    private static final class Portal {
        final Prepared statement;
        final String sql;
        final short[] formats;
        boolean describeOnExecute;
        List<String> names;
        List<ColumnType> types;
        List<Object[]> rows;
        Cursor cursor;
        int position;
        boolean done;
        String tag;

        Portal(Prepared statement, String sql, short[] formats) {
            this.statement = statement;
            this.sql = sql;
            this.formats = formats;
        }
    }

    /** A protocol-level error with its SQLSTATE that does not close the connection. */
    static final class PgError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String sqlState;

        PgError(String sqlState, String message) {
            super(message);
            this.sqlState = sqlState;
        }
    }

    private final PgSession session;
    private final SqlEngine engine;
    private final java.util.concurrent.atomic.AtomicInteger runningCount;
    private final SessionCommands commands;
    private final Map<String, Prepared> statements = new HashMap<>();
    private final Map<String, Portal> portals = new HashMap<>();
    private final java.util.Set<Cursor> openCursors = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.Executor cursorThreads;
    private final char[] tx = {'I'};
    private boolean skipUntilSync;
    private ByteBuf out;
    private String currentText = "";
    private int currentOffset;
    private volatile QueryControl running;
    private volatile boolean cancelledAll;

    Conversation(PgSession session, ServerContext server, SessionCommands commands) {
        this.session = session;
        this.engine = server.engine;
        this.runningCount = server.running;
        this.cursorThreads = server.cursors;
        this.commands = commands;
    }

    void cancel() {
        QueryControl c = running;
        if (c != null) {
            c.cancel();
        }
        if (session.isClosed()) {
            cancelledAll = true;
            for (Cursor cursor : openCursors) {
                cursor.close();
            }
        }
    }

    private void dropPortal(String name) {
        Portal p = portals.remove(name);
        if (p != null) {
            closeCursor(p);
        }
    }

    private void dropPortals(java.util.function.Predicate<String> which) {
        for (String name : new ArrayList<>(portals.keySet())) {
            if (which.test(name)) {
                dropPortal(name);
            }
        }
    }

    private void closeCursor(Portal p) {
        if (p.cursor != null) {
            p.cursor.close();
            openCursors.remove(p.cursor);
            p.cursor = null;
        }
    }

    private ByteBuf out() {
        if (out == null) {
            out = session.context().alloc().buffer(8192);
        }
        return out;
    }

    /** Sends what is buffered. */
    void flush() {
        if (out != null) {
            ByteBuf b = out;
            out = null;
            if (b.isReadable()) {
                session.context().writeAndFlush(b);
            } else {
                b.release();
            }
        }
    }

    void handle(PgMessage m) {
        if (skipUntilSync && m.type != 'S' && m.type != 'X') {
            return;
        }
        try {
            switch (m.type) {
                case 'Q':
                    simpleQuery(m.readCString());
                    return;
                case 'P':
                    parse(m);
                    return;
                case 'B':
                    bind(m);
                    return;
                case 'D':
                    describe(m);
                    return;
                case 'E':
                    execute(m.readCString(), m.readInt());
                    return;
                case 'S':
                    sync();
                    return;
                case 'C':
                    close(m);
                    return;
                case 'H':
                    flush();
                    return;
                case 'X':
                    flush();
                    session.context().close();
                    return;
                case 'd':
                case 'c':
                case 'f':
                    return; // COPY data outside COPY: PostgreSQL ignores it too
                case 'F':
                    throw new PgError(SqlStates.FEATURE_NOT_SUPPORTED, "the fast-path function call is not supported");
                default:
                    throw new ProtocolException(
                            "invalid frontend message type '" + PgFrameDecoder.printable(m.type) + "'");
            }
        } catch (ProtocolException e) {
            throw e;
        } catch (RuntimeException e) {
            sendError(e);
            skipUntilSync = true;
        }
    }

    private void sendError(RuntimeException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        String code;
        int position = 0;
        if (e instanceof SqlException) {
            code = SqlStates.of(message);
            position = SqlStates.position(message, currentText, currentOffset);
            if (code.equals(SqlStates.QUERY_CANCELED)) {
                message = "canceling statement due to user request";
            } else if (code.equals(SqlStates.INTERNAL)) {
                LOG.log(System.Logger.Level.WARNING, "statement failed: " + currentText, e);
            }
        } else if (e instanceof PgParameters.BadParameter) {
            code = ((PgParameters.BadParameter) e).sqlState;
        } else if (e instanceof SessionCommands.SessionError) {
            code = ((SessionCommands.SessionError) e).sqlState;
        } else if (e instanceof PgError) {
            code = ((PgError) e).sqlState;
        } else {
            LOG.log(System.Logger.Level.WARNING, "statement failed: " + currentText, e);
            code = SqlStates.INTERNAL;
            message = "internal error: " + e;
        }
        if (tx[0] == 'T') {
            tx[0] = 'E';
        }
        PgOutput.error(out(), 'E', "ERROR", code, message, position);
    }

    private void simpleQuery(String text) {
        statements.remove("");
        dropPortal("");
        List<SqlText.Statement> list = SqlText.split(text);
        if (list.isEmpty()) {
            PgOutput.empty(out(), 'I');
        }
        for (SqlText.Statement st : list) {
            currentText = st.text();
            currentOffset = st.offset();
            try {
                run(st.text(), new short[0], Describe.ROWS);
            } catch (ProtocolException e) {
                throw e;
            } catch (RuntimeException e) {
                sendError(e);
                break;
            }
        }
        PgOutput.readyForQuery(out(), tx[0]);
        flush();
    }

    private void checkTransaction(String sql) {
        if (tx[0] == 'E' && !SessionCommands.endsTransaction(sql)) {
            throw new PgError(
                    SqlStates.IN_FAILED_TRANSACTION,
                    "current transaction is aborted, commands ignored until end of transaction block");
        }
    }

    private SessionCommands.Local runLocal(String sql) {
        List<String> notices = new ArrayList<>();
        Map<String, String> changed = new LinkedHashMap<>();
        SessionCommands.Local local = commands.run(sql, tx, changed, notices);
        for (String n : notices) {
            PgOutput.error(out(), 'N', "WARNING", "25001", n, 0);
        }
        for (Map.Entry<String, String> e : changed.entrySet()) {
            PgOutput.parameterStatus(out(), e.getKey(), e.getValue());
        }
        if (local != null && local.tag().matches("COMMIT|ROLLBACK")) {
            dropPortals(k -> !k.isEmpty());
        }
        return local;
    }

    /** Runs one statement to completion: rows (described as {@code describe} says), then CommandComplete. */
    private void run(String sql, short[] formats, Describe describe) {
        checkTransaction(sql);
        SessionCommands.Local local = runLocal(sql);
        if (local != null) {
            if (local.hasRows()) {
                short[] f = formats(formats, local.names().size());
                if (describe != Describe.NONE) {
                    PgOutput.rowDescription(out(), local.names(), local.types(), f);
                }
                for (Object[] row : local.rows()) {
                    PgOutput.dataRow(out(), row, local.types(), f);
                }
            } else if (describe == Describe.ROWS_OR_NO_DATA) {
                PgOutput.empty(out(), 'n');
            }
            PgOutput.commandComplete(out(), local.tag());
            return;
        }
        QueryControl control = begin();
        Streamer sink = new Streamer(formats, describe, control);
        QueryResult r;
        try {
            r = engine.execute(commands.rewriteFunctions(sql), control, sink);
        } finally {
            end();
        }
        if (sink.types != null) {
            PgOutput.commandComplete(out(), "SELECT " + sink.count);
        } else if (r.isQuery()) {
            short[] f = formats(formats, r.columnNames().size());
            if (describe != Describe.NONE) {
                PgOutput.rowDescription(out(), r.columnNames(), r.columnTypes(), f);
            }
            for (List<Object> row : r.rows()) {
                PgOutput.dataRow(out(), row.toArray(), r.columnTypes(), f);
            }
            PgOutput.commandComplete(out(), tag(sql, r.rows().size()));
        } else {
            if (describe == Describe.ROWS_OR_NO_DATA) {
                PgOutput.empty(out(), 'n');
            }
            PgOutput.commandComplete(out(), tag(sql, r.updateCount()));
        }
    }

    private void end() {
        running = null;
        runningCount.decrementAndGet();
    }

    private QueryControl begin() {
        QueryControl control = new QueryControl();
        runningCount.incrementAndGet();
        running = control;
        if (cancelledAll || session.isClosed()) {
            control.cancel();
        }
        return control;
    }

    /** Writes rows as the engine produces them, flushing per batch and waiting while the socket is full. */
    private final class Streamer implements SqlEngine.RowSink {
        private final short[] requested;
        private final Describe describe;
        private final QueryControl control;
        List<ColumnType> types;
        short[] formats;
        long count;

        Streamer(short[] requested, Describe describe, QueryControl control) {
            this.requested = requested;
            this.describe = describe;
            this.control = control;
        }

        @Override
        public void columns(List<String> names, List<ColumnType> columnTypes) {
            types = columnTypes;
            formats = formats(requested, names.size());
            if (describe != Describe.NONE) {
                PgOutput.rowDescription(out(), names, columnTypes, formats);
            }
        }

        @Override
        public void rows(List<Object[]> batch) {
            ByteBuf b = out();
            for (Object[] row : batch) {
                PgOutput.dataRow(b, row, types, formats);
            }
            count += batch.size();
            flush();
            session.awaitWritable(control);
        }
    }

    /** One format code per column from Bind's list: none means text, one applies to all. */
    private static short[] formats(short[] requested, int columns) {
        short[] f = new short[columns];
        if (requested.length == 1) {
            java.util.Arrays.fill(f, requested[0]);
        } else if (requested.length == columns) {
            System.arraycopy(requested, 0, f, 0, columns);
        } else if (requested.length != 0) {
            throw new PgError(
                    SqlStates.PROTOCOL_VIOLATION,
                    "bind message has " + requested.length + " result formats but query has " + columns + " columns");
        }
        return f;
    }

    static String tag(String sql, long count) {
        String[] words = sql.strip().split("\\s+", 4);
        String first = words[0].toUpperCase(Locale.ROOT);
        String second = words.length > 1 ? words[1].toUpperCase(Locale.ROOT) : "";
        switch (first) {
            case "SELECT":
            case "WITH":
            case "VALUES":
            case "TABLE":
                return "SELECT " + Math.max(count, 0);
            case "INSERT":
                return "INSERT 0 " + count;
            case "USE":
                return "SET";
            case "EXPLAIN":
                return "EXPLAIN";
            case "CREATE":
                if (CREATE_TABLE_AS.matcher(sql).matches()) {
                    return "SELECT " + count;
                }
                if (second.equals("OR") && words.length > 3) {
                    return "CREATE " + words[3].split("\\s+")[0].toUpperCase(Locale.ROOT);
                }
                return "CREATE " + second;
            case "DROP":
                return "DROP " + second;
            default:
                return first.startsWith("(") ? "SELECT " + Math.max(count, 0) : first;
        }
    }

    private void parse(PgMessage m) {
        String name = m.readCString();
        String query = m.readCString();
        int n = m.readCount(4);
        int[] declared = new int[n];
        for (int i = 0; i < n; i++) {
            declared[i] = m.readInt();
        }
        currentText = query;
        currentOffset = 0;
        if (!name.isEmpty() && statements.containsKey(name)) {
            throw new PgError(
                    SqlStates.DUPLICATE_PREPARED_STATEMENT, "prepared statement \"" + name + "\" already exists");
        }
        List<SqlText.Statement> parts = SqlText.split(query);
        if (parts.size() > 1) {
            throw new PgError(SqlStates.SYNTAX_ERROR, "cannot insert multiple commands into a prepared statement");
        }
        String sql = parts.isEmpty() ? "" : parts.get(0).text();
        int count;
        try {
            count = Math.max(n, SqlText.maxParameter(sql));
        } catch (IllegalArgumentException e) {
            throw new PgError(SqlStates.SYNTAX_ERROR, e.getMessage());
        }
        if (count > MAX_PARAMETERS) {
            throw new PgError(SqlStates.SYNTAX_ERROR, "a statement has at most " + MAX_PARAMETERS + " parameters");
        }
        int[] oids = new int[count];
        System.arraycopy(declared, 0, oids, 0, n);
        statements.put(name, new Prepared(sql, oids));
        PgOutput.empty(out(), '1');
    }

    private void bind(PgMessage m) {
        String portalName = m.readCString();
        String statementName = m.readCString();
        int nf = m.readCount(2);
        short[] paramFormats = new short[nf];
        for (int i = 0; i < nf; i++) {
            paramFormats[i] = m.readShort();
        }
        int np = m.readCount(4);
        byte[][] values = new byte[np][];
        for (int i = 0; i < np; i++) {
            int len = m.readInt();
            values[i] = len == -1 ? null : m.readBytes(len);
        }
        int nr = m.readCount(2);
        short[] resultFormats = new short[nr];
        for (int i = 0; i < nr; i++) {
            resultFormats[i] = m.readShort();
            if (resultFormats[i] != 0 && resultFormats[i] != 1) {
                throw new ProtocolException("unsupported format code " + resultFormats[i]);
            }
        }
        Prepared s = statements.get(statementName);
        if (s == null) {
            throw new PgError(
                    SqlStates.UNDEFINED_PREPARED_STATEMENT,
                    "prepared statement \"" + statementName + "\" does not exist");
        }
        currentText = s.sql();
        currentOffset = 0;
        if (np != s.paramOids().length) {
            throw new PgError(
                    SqlStates.PROTOCOL_VIOLATION,
                    "bind message supplies " + np
                            + " parameters, but prepared statement \"" + statementName + "\" requires "
                            + s.paramOids().length);
        }
        if (nf != 0 && nf != 1 && nf != np) {
            throw new PgError(
                    SqlStates.PROTOCOL_VIOLATION,
                    "bind message has " + nf + " parameter formats but " + np + " parameters");
        }
        if (!portalName.isEmpty() && portals.containsKey(portalName)) {
            throw new PgError("42P03", "portal \"" + portalName + "\" already exists");
        }
        String sql = np == 0
                ? s.sql()
                : SqlText.substitute(s.sql(), i -> {
                    short format = nf == 0 ? 0 : nf == 1 ? paramFormats[0] : paramFormats[i - 1];
                    return PgParameters.literal(s.paramOids()[i - 1], format, values[i - 1]);
                });
        dropPortal(portalName);
        portals.put(portalName, new Portal(s, sql, resultFormats));
        PgOutput.empty(out(), '2');
    }

    private void describe(PgMessage m) {
        byte kind = m.readByte();
        String name = m.readCString();
        if (kind == 'S') {
            describeStatement(name);
        } else if (kind == 'P') {
            describePortal(name);
        } else {
            throw new ProtocolException("invalid DESCRIBE message subtype " + kind);
        }
    }

    private void describeStatement(String name) {
        Prepared s = statements.get(name);
        if (s == null) {
            throw new PgError(
                    SqlStates.UNDEFINED_PREPARED_STATEMENT, "prepared statement \"" + name + "\" does not exist");
        }
        currentText = s.sql();
        currentOffset = 0;
        int[] oids = s.paramOids().clone();
        for (int i = 0; i < oids.length; i++) {
            if (oids[i] == 0 || oids[i] == PgTypes.UNKNOWN) {
                oids[i] = PgTypes.TEXT; // untyped parameters travel as text; the engine coerces them
            }
        }
        // describe the query with typed NULLs where the parameters go
        String sql = SqlText.substitute(s.sql(), i -> {
            String type = PgParameters.sqlType(oids[i - 1]);
            return "CAST(NULL AS " + (type == null ? "VARCHAR" : type) + ")";
        });
        List<String> names = new ArrayList<>();
        List<ColumnType> types = new ArrayList<>();
        columnsOf(sql, names, types);
        PgOutput.parameterDescription(out(), oids);
        if (names.isEmpty()) {
            PgOutput.empty(out(), 'n');
        } else {
            PgOutput.rowDescription(out(), names, types, new short[names.size()]);
        }
    }

    private void columnsOf(String sql, List<String> names, List<ColumnType> types) {
        if (sql.isEmpty()) {
            return;
        }
        SessionCommands.Local local = commands.describe(sql);
        if (local != null) {
            names.addAll(local.names());
            types.addAll(local.types());
            return;
        }
        QueryResult r = engine.describe(commands.rewriteFunctions(sql));
        names.addAll(r.columnNames());
        types.addAll(r.columnTypes());
    }

    private void describePortal(String name) {
        Portal p = portal(name);
        if (p.names == null) {
            PgMessage next = session.peek();
            if (next != null && next.type == 'E' && name.equals(next.peekCString()) && p.rows == null && !p.done) {
                // Execute follows: let it describe the rows it plans anyway instead of planning twice
                p.describeOnExecute = true;
                return;
            }
            List<String> names = new ArrayList<>();
            List<ColumnType> types = new ArrayList<>();
            columnsOf(p.sql, names, types);
            p.names = names;
            p.types = types;
        }
        if (p.names.isEmpty()) {
            PgOutput.empty(out(), 'n');
        } else {
            PgOutput.rowDescription(out(), p.names, p.types, formats(p.formats, p.names.size()));
        }
    }

    private Portal portal(String name) {
        Portal p = portals.get(name);
        if (p == null) {
            throw new PgError(SqlStates.UNDEFINED_CURSOR, "portal \"" + name + "\" does not exist");
        }
        currentText = p.sql;
        currentOffset = 0;
        return p;
    }

    private void execute(String name, int maxRows) {
        Portal p = portal(name);
        if (p.statement.sql().isEmpty()) {
            PgOutput.empty(out(), 'I');
            return;
        }
        Describe describe = p.describeOnExecute ? Describe.ROWS_OR_NO_DATA : Describe.NONE;
        p.describeOnExecute = false;
        boolean fresh = p.rows == null && p.cursor == null && !p.done;
        if (fresh && maxRows <= 0) {
            p.done = true;
            run(p.sql, p.formats, describe);
            return;
        }
        if (fresh && !open(p, describe)) {
            return;
        }
        if (p.done) {
            PgOutput.commandComplete(out(), "SELECT 0");
            return;
        }
        short[] f = formats(p.formats, p.types.size());
        int sent = 0;
        if (p.rows != null) {
            int end = maxRows <= 0 ? p.rows.size() : (int) Math.min(p.rows.size(), (long) p.position + maxRows);
            for (int i = p.position; i < end; i++) {
                PgOutput.dataRow(out(), p.rows.get(i), p.types, f);
                p.rows.set(i, null); // sent rows are not needed again
            }
            sent = end - p.position;
            p.position = end;
            if (p.position < p.rows.size()) {
                PgOutput.empty(out(), 's');
                return;
            }
        } else {
            Cursor c = p.cursor;
            running = c.control();
            try {
                Object[] row;
                while ((maxRows <= 0 || sent < maxRows) && (row = c.next()) != null) {
                    PgOutput.dataRow(out(), row, p.types, f);
                    sent++;
                    if (out().readableBytes() > (64 << 10)) {
                        flush();
                        session.awaitWritable(c.control());
                    }
                }
            } catch (RuntimeException e) {
                p.done = true;
                closeCursor(p);
                throw e;
            } finally {
                running = null;
            }
            if (maxRows > 0 && sent == maxRows) {
                PgOutput.empty(out(), 's');
                return;
            }
            closeCursor(p);
        }
        p.done = true;
        PgOutput.commandComplete(out(), p.tag.startsWith("SELECT") ? "SELECT " + sent : p.tag);
    }

    /**
     * Starts a portal's statement for Execute with a row limit: session statements answer at once, queries run
     * behind a {@link Cursor}. Returns false when the statement returned no rows and is complete already.
     */
    private boolean open(Portal p, Describe describe) {
        checkTransaction(p.sql);
        SessionCommands.Local local = runLocal(p.sql);
        List<String> names;
        if (local != null) {
            names = local.names();
            p.types = local.types();
            p.rows = new ArrayList<>(local.rows());
            p.tag = local.tag();
        } else {
            runningCount.incrementAndGet();
            Cursor c =
                    new Cursor(engine, commands.rewriteFunctions(p.sql), cursorThreads, runningCount::decrementAndGet);
            p.cursor = c;
            openCursors.add(c);
            if (cancelledAll || session.isClosed()) {
                c.close();
            }
            running = c.control();
            try {
                names = c.columns();
            } catch (RuntimeException e) {
                p.done = true;
                closeCursor(p);
                throw e;
            } finally {
                running = null;
            }
            if (names != null) {
                p.types = c.types();
                p.tag = "SELECT";
            } else {
                QueryResult r = c.result();
                closeCursor(p);
                names = r.columnNames();
                p.types = r.columnTypes();
                if (r.isQuery()) {
                    List<Object[]> rows = new ArrayList<>(r.rows().size());
                    for (List<Object> row : r.rows()) {
                        rows.add(row.toArray());
                    }
                    p.rows = rows;
                    p.tag = "SELECT";
                } else {
                    p.tag = tag(p.sql, r.updateCount());
                }
            }
        }
        if (names.isEmpty()) {
            if (describe == Describe.ROWS_OR_NO_DATA) {
                PgOutput.empty(out(), 'n');
            }
            p.rows = null;
            p.done = true;
            PgOutput.commandComplete(out(), p.tag);
            return false;
        }
        if (describe != Describe.NONE) {
            PgOutput.rowDescription(out(), names, p.types, formats(p.formats, names.size()));
        }
        return true;
    }

    private void sync() {
        skipUntilSync = false;
        if (tx[0] == 'I') {
            dropPortals(k -> true); // the implicit transaction ends here, and its portals with it
        }
        PgOutput.readyForQuery(out(), tx[0]);
        flush();
    }

    private void close(PgMessage m) {
        byte kind = m.readByte();
        String name = m.readCString();
        if (kind == 'S') {
            statements.remove(name);
        } else if (kind == 'P') {
            dropPortal(name);
        } else {
            throw new ProtocolException("invalid CLOSE message subtype " + kind);
        }
        PgOutput.empty(out(), '3');
    }
}
