package dev.silt.sql.pgwire.internal;

import dev.silt.sql.spi.ColumnType;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Writes backend messages (protocol 3.0) into a buffer: type byte, int32 length, fields. Stateless. */
final class PgOutput {
    static final int AUTH_OK = 0;
    static final int AUTH_CLEARTEXT = 3;
    static final int AUTH_MD5 = 5;
    static final int AUTH_SASL = 10;
    static final int AUTH_SASL_CONTINUE = 11;
    static final int AUTH_SASL_FINAL = 12;

    private PgOutput() {}

    private static int begin(ByteBuf out, char type) {
        out.writeByte(type);
        int at = out.writerIndex();
        out.writeInt(0);
        return at;
    }

    private static void end(ByteBuf out, int at) {
        out.setInt(at, out.writerIndex() - at);
    }

    private static void cstring(ByteBuf out, String s) {
        out.writeCharSequence(s, StandardCharsets.UTF_8);
        out.writeByte(0);
    }

    static void auth(ByteBuf out, int code, byte[] extra) {
        int at = begin(out, 'R');
        out.writeInt(code);
        if (extra != null) {
            out.writeBytes(extra);
        }
        end(out, at);
    }

    static void parameterStatus(ByteBuf out, String name, String value) {
        int at = begin(out, 'S');
        cstring(out, name);
        cstring(out, value);
        end(out, at);
    }

    static void backendKeyData(ByteBuf out, int pid, int secret) {
        int at = begin(out, 'K');
        out.writeInt(pid).writeInt(secret);
        end(out, at);
    }

    static void readyForQuery(ByteBuf out, char status) {
        int at = begin(out, 'Z');
        out.writeByte(status);
        end(out, at);
    }

    static void empty(ByteBuf out, char type) {
        out.writeByte(type).writeInt(4);
    }

    static void commandComplete(ByteBuf out, String tag) {
        int at = begin(out, 'C');
        cstring(out, tag);
        end(out, at);
    }

    static void parameterDescription(ByteBuf out, int[] oids) {
        int at = begin(out, 't');
        out.writeShort(oids.length);
        for (int oid : oids) {
            out.writeInt(oid);
        }
        end(out, at);
    }

    /** RowDescription; {@code formats} holds one format code per column (0 text, 1 binary). */
    static void rowDescription(ByteBuf out, List<String> names, List<ColumnType> types, short[] formats) {
        int at = begin(out, 'T');
        out.writeShort(names.size());
        for (int i = 0; i < names.size(); i++) {
            ColumnType t = types.get(i);
            cstring(out, names.get(i));
            out.writeInt(0); // table OID: result columns are not tied to a catalog table here
            out.writeShort(0);
            out.writeInt(PgTypes.oid(t));
            out.writeShort(PgTypes.typlen(t));
            out.writeInt(PgTypes.typmod(t));
            out.writeShort(formats[i]);
        }
        end(out, at);
    }

    static void dataRow(ByteBuf out, Object[] row, List<ColumnType> types, short[] formats) {
        int at = begin(out, 'D');
        out.writeShort(row.length);
        for (int i = 0; i < row.length; i++) {
            Object v = row[i];
            if (v == null) {
                out.writeInt(-1);
            } else if (formats[i] == 1) {
                PgTypes.writeBinary(v, types.get(i), out);
            } else {
                int len = out.writerIndex();
                out.writeInt(0);
                int n = out.writeCharSequence(PgTypes.text(v, types.get(i)), StandardCharsets.UTF_8);
                out.setInt(len, n);
            }
        }
        end(out, at);
    }

    /** ErrorResponse ('E') or NoticeResponse ('N'); {@code position} 0 means none. */
    static void error(ByteBuf out, char type, String severity, String sqlState, String message, int position) {
        int at = begin(out, type);
        out.writeByte('S');
        cstring(out, severity);
        out.writeByte('V');
        cstring(out, severity);
        out.writeByte('C');
        cstring(out, sqlState);
        out.writeByte('M');
        cstring(out, message);
        if (position > 0) {
            out.writeByte('P');
            cstring(out, Integer.toString(position));
        }
        out.writeByte(0);
        end(out, at);
    }
}
