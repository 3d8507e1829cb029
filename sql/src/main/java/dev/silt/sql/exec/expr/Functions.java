package dev.silt.sql.exec.expr;

import dev.silt.sql.SqlException;
import dev.silt.sql.exec.Vectors;
import dev.silt.sql.spi.ColumnType;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/** Scalar functions: the hot ones as typed loops (SUBSTRING, EXTRACT, date ± interval), the rest per value. */
public final class Functions {
    private Functions() {}

    /** SUBSTRING(s FROM start [FOR length]) on characters, without decoding ASCII text. */
    public static final class Substring extends Expr {
        private final Expr input;
        private final Expr start;
        private final Expr length;
        private final BytesColumnVector out = new BytesColumnVector(Vectors.BATCH);

        public Substring(ColumnType type, Expr input, Expr start, Expr length) {
            super(type);
            this.input = input;
            this.start = start;
            this.length = length;
        }

        @Override
        public ColumnVector eval(VectorizedRowBatch b) {
            BytesColumnVector s = (BytesColumnVector) input.eval(b);
            LongColumnVector st = (LongColumnVector) start.eval(b);
            LongColumnVector len = length == null ? null : (LongColumnVector) length.eval(b);
            int[] rows = Vectors.rows(b);
            int n = b.size;
            out.initBuffer();
            unionNulls(out, rows, n, s, st);
            if (len != null && !len.noNulls) {
                unionNulls(out, rows, n, out, len);
            }
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                if (!out.noNulls && out.isNull[i]) {
                    continue;
                }
                long from = st.vector[i];
                long count = len == null ? Long.MAX_VALUE / 4 : len.vector[i];
                if (count < 0) {
                    throw new SqlException("negative substring length not allowed");
                }
                // SQL: characters at positions [from, from + count) counting from 1
                long endChar = from + count;
                long begin = Math.max(from, 1);
                if (endChar <= begin) {
                    out.setRef(i, s.vector[i], s.start[i], 0);
                    continue;
                }
                int bs = charOffset(s.vector[i], s.start[i], s.length[i], begin - 1);
                int be = charOffset(s.vector[i], s.start[i], s.length[i], endChar - 1);
                out.setRef(i, s.vector[i], bs, be - bs);
            }
            return out;
        }

        /** Byte position of the character with 0-based index {@code chars}, clamped to the end. */
        private static int charOffset(byte[] v, int start, int len, long chars) {
            int end = start + len;
            int p = start;
            long c = 0;
            while (p < end && c < chars) {
                int lead = v[p] & 0xff;
                p += lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
                c++;
            }
            return Math.min(p, end);
        }
    }

    /** The fields EXTRACT supports on dates and timestamps. */
    public enum Field {
        YEAR,
        QUARTER,
        MONTH,
        DAY,
        DOW,
        DOY,
        HOUR,
        MINUTE,
        SECOND
    }

    /** EXTRACT(field FROM date|timestamp). */
    public static final class Extract extends Expr {
        private final Field field;
        private final Expr input;
        private final boolean timestamp;
        private final LongColumnVector out = new LongColumnVector(Vectors.BATCH);

        public Extract(Field field, Expr input) {
            super(ColumnType.BIGINT);
            this.field = field;
            this.input = input;
            this.timestamp = input.type().kind() == ColumnType.Kind.TIMESTAMP;
        }

        @Override
        public ColumnVector eval(VectorizedRowBatch b) {
            LongColumnVector v = (LongColumnVector) input.eval(b);
            int[] rows = Vectors.rows(b);
            int n = b.size;
            unionNulls(out, rows, n, v, null);
            long[] x = v.vector;
            long[] r = out.vector;
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                long t = x[i];
                long days = timestamp ? Math.floorDiv(t, 86_400_000L) : t;
                long ms = timestamp ? Math.floorMod(t, 86_400_000L) : 0;
                switch (field) {
                    case HOUR:
                        r[i] = ms / 3_600_000L;
                        continue;
                    case MINUTE:
                        r[i] = ms / 60_000L % 60;
                        continue;
                    case SECOND:
                        r[i] = ms / 1000 % 60;
                        continue;
                    case DOW:
                        r[i] = Math.floorMod(days + 4, 7); // 1970-01-01 was a Thursday; Sunday = 0
                        continue;
                    default:
                        break;
                }
                LocalDate d = LocalDate.ofEpochDay(days);
                switch (field) {
                    case YEAR:
                        r[i] = d.getYear();
                        break;
                    case QUARTER:
                        r[i] = (d.getMonthValue() + 2L) / 3;
                        break;
                    case MONTH:
                        r[i] = d.getMonthValue();
                        break;
                    case DAY:
                        r[i] = d.getDayOfMonth();
                        break;
                    default:
                        r[i] = d.getDayOfYear();
                }
            }
            return out;
        }
    }

    /** date/timestamp ± interval. */
    public static final class DatePlus extends Expr {
        private final Expr date;
        private final Expr interval;
        private final int sign;
        private final LongColumnVector out = new LongColumnVector(Vectors.BATCH);

        public DatePlus(ColumnType type, Expr date, Expr interval, int sign) {
            super(type);
            this.date = date;
            this.interval = interval;
            this.sign = sign;
        }

        @Override
        public ColumnVector eval(VectorizedRowBatch b) {
            LongColumnVector d = (LongColumnVector) date.eval(b);
            LongColumnVector iv = (LongColumnVector) interval.eval(b);
            int[] rows = Vectors.rows(b);
            int n = b.size;
            unionNulls(out, rows, n, d, iv);
            boolean months = interval.type().kind() == ColumnType.Kind.INTERVAL_YEAR_MONTH;
            boolean ts = type.kind() == ColumnType.Kind.TIMESTAMP;
            long[] x = d.vector;
            long[] y = iv.vector;
            long[] r = out.vector;
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                long delta = (long) sign * y[i];
                if (months) {
                    if (ts) {
                        long day = Math.floorDiv(x[i], 86_400_000L);
                        long ms = Math.floorMod(x[i], 86_400_000L);
                        r[i] = LocalDate.ofEpochDay(day).plusMonths(delta).toEpochDay() * 86_400_000L + ms;
                    } else {
                        r[i] = LocalDate.ofEpochDay(x[i]).plusMonths(delta).toEpochDay();
                    }
                } else {
                    r[i] = ts ? x[i] + delta : x[i] + Math.floorDiv(delta, 86_400_000L);
                }
            }
            return out;
        }
    }

    /**
     * A function evaluated per row on Java values (NULL in → NULL out unless {@code nullSafe}), for the long tail
     * of scalar functions.
     */
    public static final class PerValue extends Expr {
        private final List<Expr> args;
        private final Function<Object[], Object> fn;
        private final boolean nullSafe;
        private final ColumnVector out;

        public PerValue(ColumnType type, List<Expr> args, Function<Object[], Object> fn, boolean nullSafe) {
            super(type);
            this.args = args;
            this.fn = fn;
            this.nullSafe = nullSafe;
            this.out = Vectors.allocate(type, Vectors.BATCH);
        }

        @Override
        public ColumnVector eval(VectorizedRowBatch b) {
            ColumnVector[] in = new ColumnVector[args.size()];
            for (int k = 0; k < in.length; k++) {
                in[k] = args.get(k).eval(b);
            }
            int[] rows = Vectors.rows(b);
            int n = b.size;
            Vectors.reset(out);
            Object[] vals = new Object[in.length];
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                boolean anyNull = false;
                for (int k = 0; k < in.length; k++) {
                    vals[k] = Vectors.value(in[k], i, args.get(k).type());
                    anyNull |= vals[k] == null;
                }
                Vectors.set(out, i, type, anyNull && !nullSafe ? null : fn.apply(vals));
            }
            return out;
        }
    }
}
