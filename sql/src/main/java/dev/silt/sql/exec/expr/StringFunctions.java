package dev.silt.sql.exec.expr;

import dev.silt.sql.SqlException;
import dev.silt.sql.exec.Vectors;
import dev.silt.sql.spi.ColumnType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * String functions as loops over UTF-8 bytes: positions and lengths count characters (code points), ASCII text is
 * never decoded, and NULL in any argument gives NULL. Results that are slices of an input reference its bytes;
 * new strings are written into the output vector's own buffer.
 */
public final class StringFunctions {
    private StringFunctions() {}

    /** Number of characters in UTF-8 bytes {@code [from, to)}. */
    static int chars(byte[] v, int from, int to) {
        int c = 0;
        for (int p = from; p < to; p++) {
            if ((v[p] & 0xC0) != 0x80) {
                c++;
            }
        }
        return c;
    }

    /** Byte index of the first occurrence of {@code needle} in {@code v[from, to)}, or -1. */
    static int indexOf(byte[] v, int from, int to, byte[] needle, int ns, int nl) {
        if (nl == 0) {
            return from;
        }
        byte first = needle[ns];
        int last = to - nl;
        outer:
        for (int p = from; p <= last; p++) {
            if (v[p] != first) {
                continue;
            }
            for (int k = 1; k < nl; k++) {
                if (v[p + k] != needle[ns + k]) {
                    continue outer;
                }
            }
            return p;
        }
        return -1;
    }

    static String string(BytesColumnVector v, int i) {
        return new String(v.vector[i], v.start[i], v.length[i], StandardCharsets.UTF_8);
    }

    static void setString(BytesColumnVector out, int i, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.setVal(i, b, 0, b.length);
    }

    /** Evaluates arguments and sets the output's NULL mask to their union; the base of the functions below. */
    abstract static class Fn extends Expr {
        final Expr[] args;
        final ColumnVector out;

        Fn(ColumnType type, List<Expr> args) {
            super(type);
            this.args = args.toArray(new Expr[0]);
            this.out = Vectors.allocate(type, Vectors.BATCH);
        }

        @Override
        public final ColumnVector eval(VectorizedRowBatch b) {
            ColumnVector[] in = new ColumnVector[args.length];
            Vectors.reset(out);
            int[] rows = Vectors.rows(b);
            int n = b.size;
            for (int k = 0; k < in.length; k++) {
                in[k] = args[k].eval(b);
                unionNulls(out, rows, n, k == 0 ? in[0] : out, k == 0 ? null : in[k]);
            }
            compute(in, rows, n);
            return out;
        }

        final boolean skip(int i) {
            return !out.noNulls && out.isNull[i];
        }

        final void setNull(int i) {
            out.noNulls = false;
            out.isNull[i] = true;
        }

        abstract void compute(ColumnVector[] in, int[] rows, int n);
    }

    /** UPPER / LOWER: ASCII bytes in place, other text through Java's case mapping (locale-independent). */
    public static final class CaseMap extends Fn {
        private final boolean upper;

        public CaseMap(ColumnType type, Expr s, boolean upper) {
            super(type, List.of(s));
            this.upper = upper;
        }

        @Override
        void compute(ColumnVector[] in, int[] rows, int n) {
            BytesColumnVector s = (BytesColumnVector) in[0];
            BytesColumnVector o = (BytesColumnVector) out;
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                if (skip(i)) {
                    continue;
                }
                byte[] v = s.vector[i];
                int st = s.start[i];
                int len = s.length[i];
                boolean ascii = true;
                for (int p = st; p < st + len; p++) {
                    if (v[p] < 0) {
                        ascii = false;
                        break;
                    }
                }
                if (!ascii) {
                    String t = string(s, i);
                    setString(o, i, upper ? t.toUpperCase(Locale.ROOT) : t.toLowerCase(Locale.ROOT));
                    continue;
                }
                o.ensureValPreallocated(len);
                byte[] w = o.getValPreallocatedBytes();
                int ws = o.getValPreallocatedStart();
                for (int p = 0; p < len; p++) {
                    byte c = v[st + p];
                    if (upper && c >= 'a' && c <= 'z') {
                        c -= 32;
                    } else if (!upper && c >= 'A' && c <= 'Z') {
                        c += 32;
                    }
                    w[ws + p] = c;
                }
                o.setValPreallocated(i, len);
            }
        }
    }

    /** LENGTH / CHAR_LENGTH in characters. */
    public static final class Length extends Fn {
        public Length(ColumnType type, Expr s) {
            super(type, List.of(s));
        }

        @Override
        void compute(ColumnVector[] in, int[] rows, int n) {
            BytesColumnVector s = (BytesColumnVector) in[0];
            long[] r = ((LongColumnVector) out).vector;
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                if (!skip(i)) {
                    r[i] = chars(s.vector[i], s.start[i], s.start[i] + s.length[i]);
                }
            }
        }
    }

    /** STRPOS(s, sub) and POSITION(sub IN s): 1-based character position of the first match, 0 when none. */
    public static final class Strpos extends Fn {
        public Strpos(ColumnType type, Expr s, Expr sub) {
            super(type, List.of(s, sub));
        }

        @Override
        void compute(ColumnVector[] in, int[] rows, int n) {
            BytesColumnVector s = (BytesColumnVector) in[0];
            BytesColumnVector sub = (BytesColumnVector) in[1];
            long[] r = ((LongColumnVector) out).vector;
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                if (skip(i)) {
                    continue;
                }
                int st = s.start[i];
                int at = indexOf(s.vector[i], st, st + s.length[i], sub.vector[i], sub.start[i], sub.length[i]);
                r[i] = at < 0 ? 0 : chars(s.vector[i], st, at) + 1;
            }
        }
    }

    /** STARTS_WITH(s, prefix) / ENDS_WITH(s, suffix). */
    public static final class Affix extends Fn {
        private final boolean prefix;

        public Affix(ColumnType type, Expr s, Expr affix, boolean prefix) {
            super(type, List.of(s, affix));
            this.prefix = prefix;
        }

        @Override
        void compute(ColumnVector[] in, int[] rows, int n) {
            BytesColumnVector s = (BytesColumnVector) in[0];
            BytesColumnVector a = (BytesColumnVector) in[1];
            long[] r = ((LongColumnVector) out).vector;
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                if (skip(i)) {
                    continue;
                }
                int al = a.length[i];
                int sl = s.length[i];
                boolean match = al <= sl;
                int off = s.start[i] + (prefix ? 0 : sl - al);
                for (int k = 0; match && k < al; k++) {
                    match = s.vector[i][off + k] == a.vector[i][a.start[i] + k];
                }
                r[i] = match ? 1 : 0;
            }
        }
    }

    /** REPLACE(s, search [, replacement]): every occurrence, left to right; an empty search changes nothing. */
    public static final class Replace extends Fn {
        public Replace(ColumnType type, Expr s, Expr search, Expr replacement) {
            super(type, replacement == null ? List.of(s, search) : List.of(s, search, replacement));
        }

        @Override
        void compute(ColumnVector[] in, int[] rows, int n) {
            BytesColumnVector s = (BytesColumnVector) in[0];
            BytesColumnVector f = (BytesColumnVector) in[1];
            BytesColumnVector t = in.length > 2 ? (BytesColumnVector) in[2] : null;
            BytesColumnVector o = (BytesColumnVector) out;
            java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                if (skip(i)) {
                    continue;
                }
                byte[] v = s.vector[i];
                int st = s.start[i];
                int end = st + s.length[i];
                int fl = f.length[i];
                int at = fl == 0 ? -1 : indexOf(v, st, end, f.vector[i], f.start[i], fl);
                if (at < 0) {
                    o.setRef(i, v, st, s.length[i]);
                    continue;
                }
                buf.reset();
                int p = st;
                while (at >= 0) {
                    buf.write(v, p, at - p);
                    if (t != null) {
                        buf.write(t.vector[i], t.start[i], t.length[i]);
                    }
                    p = at + fl;
                    at = indexOf(v, p, end, f.vector[i], f.start[i], fl);
                }
                buf.write(v, p, end - p);
                byte[] r = buf.toByteArray();
                o.setVal(i, r, 0, r.length);
            }
        }
    }

    /** SPLIT_PART(s, delimiter, index): the index-th field (1-based); NULL past the last field (as Trino). */
    public static final class SplitPart extends Fn {
        public SplitPart(ColumnType type, Expr s, Expr delimiter, Expr index) {
            super(type, List.of(s, delimiter, index));
        }

        @Override
        void compute(ColumnVector[] in, int[] rows, int n) {
            BytesColumnVector s = (BytesColumnVector) in[0];
            BytesColumnVector d = (BytesColumnVector) in[1];
            long[] idx = ((LongColumnVector) in[2]).vector;
            BytesColumnVector o = (BytesColumnVector) out;
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                if (skip(i)) {
                    continue;
                }
                if (idx[i] < 1) {
                    throw new SqlException(
                            SqlException.INVALID_PARAMETER_VALUE,
                            "split_part index must be greater than zero, not " + idx[i],
                            null);
                }
                byte[] v = s.vector[i];
                int st = s.start[i];
                int end = st + s.length[i];
                int dl = d.length[i];
                if (dl == 0) {
                    // an empty delimiter does not split: the whole string is field 1
                    if (idx[i] == 1) {
                        o.setRef(i, v, st, s.length[i]);
                    } else {
                        setNull(i);
                    }
                    continue;
                }
                int from = st;
                long field = 1;
                int at = indexOf(v, from, end, d.vector[i], d.start[i], dl);
                while (field < idx[i] && at >= 0) {
                    from = at + dl;
                    field++;
                    at = indexOf(v, from, end, d.vector[i], d.start[i], dl);
                }
                if (field < idx[i]) {
                    setNull(i);
                } else {
                    o.setRef(i, v, from, (at < 0 ? end : at) - from);
                }
            }
        }
    }

    /** CONCAT(a, b, …) and {@code a || b}: NULL if any argument is NULL. */
    public static final class Concat extends Fn {
        public Concat(ColumnType type, List<Expr> args) {
            super(type, args);
        }

        @Override
        void compute(ColumnVector[] in, int[] rows, int n) {
            BytesColumnVector o = (BytesColumnVector) out;
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                if (skip(i)) {
                    continue;
                }
                int len = 0;
                for (ColumnVector c : in) {
                    len += ((BytesColumnVector) c).length[i];
                }
                o.ensureValPreallocated(len);
                byte[] w = o.getValPreallocatedBytes();
                int p = o.getValPreallocatedStart();
                for (ColumnVector c : in) {
                    BytesColumnVector x = (BytesColumnVector) c;
                    System.arraycopy(x.vector[i], x.start[i], w, p, x.length[i]);
                    p += x.length[i];
                }
                o.setValPreallocated(i, len);
            }
        }
    }

    /** TRIM / LTRIM / RTRIM of a set of characters (spaces by default). */
    public static final class Trim extends Fn {
        private final boolean leading;
        private final boolean trailing;

        public Trim(ColumnType type, Expr s, Expr characters, boolean leading, boolean trailing) {
            super(type, characters == null ? List.of(s) : List.of(s, characters));
            this.leading = leading;
            this.trailing = trailing;
        }

        @Override
        void compute(ColumnVector[] in, int[] rows, int n) {
            BytesColumnVector s = (BytesColumnVector) in[0];
            BytesColumnVector c = in.length > 1 ? (BytesColumnVector) in[1] : null;
            BytesColumnVector o = (BytesColumnVector) out;
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                if (skip(i)) {
                    continue;
                }
                byte[] v = s.vector[i];
                int st = s.start[i];
                int end = st + s.length[i];
                boolean asciiSet = c == null || isAscii(c.vector[i], c.start[i], c.length[i]);
                if (!asciiSet) {
                    o.setVal(i, trimSlow(string(s, i), string(c, i)).getBytes(StandardCharsets.UTF_8));
                    continue;
                }
                while (leading && st < end && trims(v[st], c, i)) {
                    st++;
                }
                while (trailing && end > st && trims(v[end - 1], c, i)) {
                    end--;
                }
                o.setRef(i, v, st, end - st);
            }
        }

        private static boolean isAscii(byte[] v, int st, int len) {
            for (int p = st; p < st + len; p++) {
                if (v[p] < 0) {
                    return false;
                }
            }
            return true;
        }

        private static boolean trims(byte b, BytesColumnVector c, int i) {
            if (c == null) {
                return b == ' ';
            }
            for (int p = c.start[i]; p < c.start[i] + c.length[i]; p++) {
                if (c.vector[i][p] == b) {
                    return true;
                }
            }
            return false;
        }

        private String trimSlow(String s, String set) {
            int a = 0;
            int z = s.length();
            while (leading && a < z && set.indexOf(s.codePointAt(a)) >= 0) {
                a += Character.charCount(s.codePointAt(a));
            }
            while (trailing && z > a && set.indexOf(s.codePointBefore(z)) >= 0) {
                z -= Character.charCount(s.codePointBefore(z));
            }
            return s.substring(a, z);
        }
    }

    /** REVERSE(s) by characters. */
    public static final class Reverse extends Fn {
        public Reverse(ColumnType type, Expr s) {
            super(type, List.of(s));
        }

        @Override
        void compute(ColumnVector[] in, int[] rows, int n) {
            BytesColumnVector s = (BytesColumnVector) in[0];
            BytesColumnVector o = (BytesColumnVector) out;
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                if (skip(i)) {
                    continue;
                }
                int len = s.length[i];
                o.ensureValPreallocated(len);
                byte[] w = o.getValPreallocatedBytes();
                int ws = o.getValPreallocatedStart();
                byte[] v = s.vector[i];
                int st = s.start[i];
                // copy each UTF-8 sequence whole to the mirrored position
                int p = st;
                while (p < st + len) {
                    int lead = v[p] & 0xff;
                    int cl = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
                    cl = Math.min(cl, st + len - p);
                    System.arraycopy(v, p, w, ws + (st + len - p - cl), cl);
                    p += cl;
                }
                o.setValPreallocated(i, len);
            }
        }
    }

    /** LPAD / RPAD(s, size [, pad]): pads or truncates to {@code size} characters. */
    public static final class Pad extends Fn {
        private final boolean left;

        public Pad(ColumnType type, Expr s, Expr size, Expr pad, boolean left) {
            super(type, pad == null ? List.of(s, size) : List.of(s, size, pad));
            this.left = left;
        }

        @Override
        void compute(ColumnVector[] in, int[] rows, int n) {
            BytesColumnVector s = (BytesColumnVector) in[0];
            long[] size = ((LongColumnVector) in[1]).vector;
            BytesColumnVector p = in.length > 2 ? (BytesColumnVector) in[2] : null;
            BytesColumnVector o = (BytesColumnVector) out;
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                if (skip(i)) {
                    continue;
                }
                long want = size[i];
                if (want < 0 || want > Integer.MAX_VALUE / 4) {
                    throw new SqlException(
                            SqlException.INVALID_PARAMETER_VALUE,
                            (left ? "lpad" : "rpad") + " size must be between 0 and " + Integer.MAX_VALUE / 4 + ", not "
                                    + want,
                            null);
                }
                String str = string(s, i);
                String pad = p == null ? " " : string(p, i);
                int have = str.codePointCount(0, str.length());
                if (have >= want) {
                    setString(o, i, str.substring(0, str.offsetByCodePoints(0, (int) want)));
                    continue;
                }
                if (pad.isEmpty()) {
                    throw new SqlException(
                            SqlException.INVALID_PARAMETER_VALUE, "padding string must not be empty", null);
                }
                StringBuilder fill = new StringBuilder();
                int need = (int) want - have;
                int padChars = pad.codePointCount(0, pad.length());
                while (need >= padChars) {
                    fill.append(pad);
                    need -= padChars;
                }
                fill.append(pad, 0, pad.offsetByCodePoints(0, need));
                setString(o, i, left ? fill + str : str + fill);
            }
        }
    }

    /** CHR(code point). */
    public static final class Chr extends Fn {
        public Chr(ColumnType type, Expr code) {
            super(type, List.of(code));
        }

        @Override
        void compute(ColumnVector[] in, int[] rows, int n) {
            long[] c = ((LongColumnVector) in[0]).vector;
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                if (skip(i)) {
                    continue;
                }
                if (c[i] < 0 || c[i] > Character.MAX_CODE_POINT) {
                    throw new SqlException(
                            SqlException.INVALID_PARAMETER_VALUE, "chr: " + c[i] + " is not a valid code point", null);
                }
                setString((BytesColumnVector) out, i, new String(Character.toChars((int) c[i])));
            }
        }
    }

    /** CODEPOINT(single character). */
    public static final class Codepoint extends Fn {
        public Codepoint(ColumnType type, Expr s) {
            super(type, List.of(s));
        }

        @Override
        void compute(ColumnVector[] in, int[] rows, int n) {
            BytesColumnVector s = (BytesColumnVector) in[0];
            long[] r = ((LongColumnVector) out).vector;
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                if (skip(i)) {
                    continue;
                }
                String t = string(s, i);
                if (t.codePointCount(0, t.length()) != 1) {
                    throw new SqlException(
                            SqlException.INVALID_PARAMETER_VALUE,
                            "codepoint needs a single character, not '" + t + "'",
                            null);
                }
                r[i] = t.codePointAt(0);
            }
        }
    }
}
