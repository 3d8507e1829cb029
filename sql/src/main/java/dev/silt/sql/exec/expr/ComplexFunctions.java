package dev.silt.sql.exec.expr;

import dev.silt.sql.SqlException;
import dev.silt.sql.exec.Vectors;
import dev.silt.sql.spi.ColumnType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * ARRAY, MAP and ROW values: constructors ({@code ARRAY[…]}, {@code MAP[k, v, …]}, {@code ROW(…)}), subscripts
 * ({@code a[i]} from 1, {@code m[key]}), field access ({@code r.f}), CARDINALITY, ELEMENT_AT (a negative index counts
 * from the end) and CONTAINS. They work on the Java values of {@link Vectors#value} one row at a time: nested values
 * are rare on hot paths, and the result is written back into the vectors ORC uses for them (list, map, struct).
 * Out-of-range indexes and missing keys give NULL, as in PostgreSQL and DuckDB.
 */
public final class ComplexFunctions {
    private ComplexFunctions() {}

    /** What one row computes from its arguments' values (NULL arguments included). */
    @FunctionalInterface
    public interface RowFunction {
        Object apply(Object[] args);
    }

    /** Evaluates a {@link RowFunction} on every selected row. */
    public static final class PerRow extends Expr {
        private final Expr[] args;
        private final RowFunction fn;
        private final ColumnVector out;

        public PerRow(ColumnType type, List<Expr> args, RowFunction fn) {
            super(type);
            this.args = args.toArray(new Expr[0]);
            this.fn = fn;
            this.out = Vectors.allocate(type, Vectors.BATCH);
        }

        @Override
        public ColumnVector eval(VectorizedRowBatch b) {
            ColumnVector[] in = new ColumnVector[args.length];
            for (int k = 0; k < in.length; k++) {
                in[k] = args[k].eval(b);
            }
            Vectors.reset(out);
            int[] rows = Vectors.rows(b);
            Object[] vals = new Object[in.length];
            for (int j = 0; j < b.size; j++) {
                int i = rows[j];
                for (int k = 0; k < in.length; k++) {
                    vals[k] = Vectors.value(in[k], i, args[k].type());
                }
                Vectors.set(out, i, type, fn.apply(vals));
            }
            return out;
        }
    }

    static Object array(Object[] a) {
        List<Object> r = new ArrayList<>(a.length);
        Collections.addAll(r, a);
        return r;
    }

    static Object map(Object[] a) {
        Map<Object, Object> r = new LinkedHashMap<>();
        for (int k = 0; k + 1 < a.length; k += 2) {
            if (a[k] == null) {
                throw new SqlException(SqlException.INVALID_PARAMETER_VALUE, "map key must not be NULL", null);
            }
            if (r.containsKey(a[k])) {
                throw new SqlException(SqlException.INVALID_PARAMETER_VALUE, "duplicate map key " + a[k], null);
            }
            r.put(a[k], a[k + 1]);
        }
        return r;
    }

    /** {@code container[key]}: 1-based for arrays. */
    static Object item(Object container, Object key) {
        if (container == null || key == null) {
            return null;
        }
        if (container instanceof Map) {
            return lookup((Map<?, ?>) container, key);
        }
        List<?> l = (List<?>) container;
        long i = ((Number) key).longValue();
        return i >= 1 && i <= l.size() ? l.get((int) i - 1) : null;
    }

    /** ELEMENT_AT: as {@link #item}, and a negative index counts from the end of an array. */
    static Object elementAt(Object container, Object key) {
        if (container instanceof List && key != null) {
            long i = ((Number) key).longValue();
            if (i == 0) {
                throw new SqlException(
                        SqlException.INVALID_PARAMETER_VALUE, "element_at: SQL array indexes start at 1", null);
            }
            if (i < 0) {
                return item(container, ((List<?>) container).size() + i + 1);
            }
        }
        return item(container, key);
    }

    private static Object lookup(Map<?, ?> m, Object key) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (same(e.getKey(), key)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** Equality across the Java types one SQL type may arrive as (Integer vs Long, BigDecimal scales). */
    static boolean same(Object a, Object b) {
        if (a instanceof Number && b instanceof Number) {
            return new java.math.BigDecimal(a.toString()).compareTo(new java.math.BigDecimal(b.toString())) == 0;
        }
        return Objects.equals(a, b);
    }

    /** {@code a || b} on arrays: NULL if either is NULL. */
    static Object concat(Object[] arrays) {
        List<Object> r = new ArrayList<>();
        for (Object a : arrays) {
            if (a == null) {
                return null;
            }
            r.addAll((List<?>) a);
        }
        return r;
    }

    static Object cardinality(Object c) {
        if (c == null) {
            return null;
        }
        return (long) (c instanceof Map ? ((Map<?, ?>) c).size() : ((List<?>) c).size());
    }

    /** CONTAINS(array, x): true if an element equals x; NULL if not found but the array holds a NULL. */
    static Object contains(Object array, Object x) {
        if (array == null || x == null) {
            return null;
        }
        boolean sawNull = false;
        for (Object e : (List<?>) array) {
            if (e == null) {
                sawNull = true;
            } else if (same(e, x)) {
                return true;
            }
        }
        return sawNull ? null : false;
    }

    static Object field(Object row, int index) {
        return row == null ? null : ((List<?>) row).get(index);
    }
}
