package dev.silt.sql.exec.expr;

import dev.silt.sql.exec.Vectors;
import dev.silt.sql.spi.ColumnType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * {@code LIKE} / {@code ILIKE} against a constant pattern. Patterns made of literal text and {@code %} (the common
 * case: prefix, suffix, contains, {@code %a%b%}) match on the UTF-8 bytes without decoding; others use a regular
 * expression.
 */
public final class Like extends Expr {
    private final Expr input;
    private final byte[][] segments;
    private final boolean anchoredStart;
    private final boolean anchoredEnd;
    private final Pattern regex;
    private final LongColumnVector out = booleanVector();

    public Like(Expr input, String pattern, Character escape, boolean caseInsensitive) {
        super(ColumnType.BOOLEAN);
        this.input = input;
        boolean simple = !caseInsensitive && escape == null && pattern.indexOf('_') < 0;
        if (simple) {
            List<byte[]> segs = new ArrayList<>();
            for (String s : pattern.split("%", -1)) {
                segs.add(s.getBytes(StandardCharsets.UTF_8));
            }
            this.anchoredStart = !pattern.startsWith("%");
            this.anchoredEnd = !pattern.endsWith("%");
            this.segments = segs.toArray(new byte[0][]);
            this.regex = null;
        } else {
            StringBuilder re = new StringBuilder();
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (escape != null && c == escape && i + 1 < pattern.length()) {
                    re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
                } else if (c == '%') {
                    re.append(".*");
                } else if (c == '_') {
                    re.append('.');
                } else {
                    re.append(Pattern.quote(String.valueOf(c)));
                }
            }
            int flags = Pattern.DOTALL | (caseInsensitive ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
            this.regex = Pattern.compile(re.toString(), flags);
            this.segments = null;
            this.anchoredStart = false;
            this.anchoredEnd = false;
        }
    }

    @Override
    public ColumnVector eval(VectorizedRowBatch b) {
        BytesColumnVector v = (BytesColumnVector) input.eval(b);
        int[] rows = Vectors.rows(b);
        int n = b.size;
        unionNulls(out, rows, n, v, null);
        long[] r = out.vector;
        for (int j = 0; j < n; j++) {
            int i = rows[j];
            if (!v.noNulls && v.isNull[i]) {
                continue;
            }
            boolean m = regex == null
                    ? matches(v.vector[i], v.start[i], v.length[i])
                    : regex.matcher(new String(v.vector[i], v.start[i], v.length[i], StandardCharsets.UTF_8))
                            .matches();
            r[i] = m ? 1 : 0;
        }
        return out;
    }

    private boolean matches(byte[] s, int start, int len) {
        int end = start + len;
        int pos = start;
        int last = segments.length - 1;
        for (int k = 0; k <= last; k++) {
            byte[] seg = segments[k];
            if (k == 0 && anchoredStart) {
                if (!regionEquals(s, pos, end, seg)) {
                    return false;
                }
                pos += seg.length;
                if (k == last) {
                    return !anchoredEnd || pos == end;
                }
                continue;
            }
            if (k == last && anchoredEnd) {
                return end - pos >= seg.length && regionEquals(s, end - seg.length, end, seg);
            }
            int found = indexOf(s, pos, end, seg);
            if (found < 0) {
                return false;
            }
            pos = found + seg.length;
        }
        return true;
    }

    private static boolean regionEquals(byte[] s, int from, int end, byte[] seg) {
        if (end - from < seg.length) {
            return false;
        }
        for (int i = 0; i < seg.length; i++) {
            if (s[from + i] != seg[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] s, int from, int end, byte[] seg) {
        if (seg.length == 0) {
            return from;
        }
        byte first = seg[0];
        int max = end - seg.length;
        for (int i = from; i <= max; i++) {
            if (s[i] == first && regionEquals(s, i, end, seg)) {
                return i;
            }
        }
        return -1;
    }
}
