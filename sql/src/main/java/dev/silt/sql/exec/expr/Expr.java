package dev.silt.sql.exec.expr;

import dev.silt.sql.exec.Vectors;
import dev.silt.sql.spi.ColumnType;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * A compiled, vectorized scalar expression. {@link #eval} computes the value for every row the batch selects (its
 * selection vector, or rows {@code 0..size)}) with one tight loop per operation and type, and writes each result at
 * the same row position of its output vector, so selections never need compacting.
 *
 * <p>Ownership: the returned vector belongs to the expression (or, for a column reference, to the batch) and is
 * valid until the next {@code eval}; callers never modify it. One instance is used by one thread; the planner
 * compiles a fresh tree per worker.
 */
public abstract class Expr {
    protected final ColumnType type;

    protected Expr(ColumnType type) {
        this.type = type;
    }

    public final ColumnType type() {
        return type;
    }

    public abstract ColumnVector eval(VectorizedRowBatch b);

    /** Whether the value is the same for every row (a literal). */
    public boolean isConstant() {
        return false;
    }

    /** Sets {@code out}'s null mask to the union of the inputs' over the selected rows. */
    static void unionNulls(ColumnVector out, int[] rows, int n, ColumnVector a, ColumnVector b) {
        boolean an = !a.noNulls;
        boolean bn = b != null && !b.noNulls;
        if (!an && !bn) {
            out.noNulls = true;
            return;
        }
        out.noNulls = false;
        boolean[] o = out.isNull;
        if (an && bn) {
            boolean[] x = a.isNull;
            boolean[] y = b.isNull;
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                o[i] = x[i] || y[i];
            }
        } else {
            boolean[] x = an ? a.isNull : b.isNull;
            for (int j = 0; j < n; j++) {
                int i = rows[j];
                o[i] = x[i];
            }
        }
    }

    static boolean isNull(ColumnVector v, int i) {
        return !v.noNulls && v.isNull[i];
    }

    /** A reference to an input column: no work, the batch's own vector. */
    public static final class InputRef extends Expr {
        private final int index;

        public InputRef(int index, ColumnType type) {
            super(type);
            this.index = index;
        }

        public int index() {
            return index;
        }

        @Override
        public ColumnVector eval(VectorizedRowBatch b) {
            return b.cols[index];
        }
    }

    /** A constant, materialized once for every row position so that operations need no special case. */
    public static final class Literal extends Expr {
        private final ColumnVector vector;
        private final Object value;

        public Literal(ColumnType type, Object value) {
            super(type);
            this.value = value;
            this.vector = Vectors.allocate(type, Vectors.BATCH);
            for (int i = 0; i < Vectors.BATCH; i++) {
                Vectors.set(vector, i, type, value);
            }
            vector.noNulls = value != null;
        }

        public Object value() {
            return value;
        }

        @Override
        public boolean isConstant() {
            return true;
        }

        @Override
        public ColumnVector eval(VectorizedRowBatch b) {
            return vector;
        }
    }

    /** Allocates a LONG-layout output for boolean results. */
    static LongColumnVector booleanVector() {
        return new LongColumnVector(Vectors.BATCH);
    }
}
