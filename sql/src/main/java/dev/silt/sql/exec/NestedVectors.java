package dev.silt.sql.exec;

import dev.silt.sql.spi.ColumnType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ListColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.MapColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.MultiValuedColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.StructColumnVector;

/**
 * ARRAY, MAP and ROW in ORC's nested vectors: a row of a list or map vector is an (offset, length) range of its
 * child vectors, appended to as rows are set; a struct row is the same row of each field vector. As Java values an
 * ARRAY is a {@code List}, a MAP a {@code Map} in key order of insertion, a ROW a {@code List} of field values.
 */
final class NestedVectors {
    private NestedVectors() {}

    static ColumnVector allocate(ColumnType type, int size) {
        List<ColumnType> c = type.children();
        switch (type.kind()) {
            case ARRAY:
                return new ListColumnVector(size, Vectors.allocate(c.get(0), size));
            case MAP:
                return new MapColumnVector(size, Vectors.allocate(c.get(0), size), Vectors.allocate(c.get(1), size));
            default:
                ColumnVector[] fields = new ColumnVector[c.size()];
                for (int i = 0; i < fields.length; i++) {
                    fields[i] = Vectors.allocate(c.get(i), size);
                }
                return new StructColumnVector(size, fields);
        }
    }

    static void reset(ColumnVector v) {
        if (v instanceof ListColumnVector) {
            ((ListColumnVector) v).childCount = 0;
            Vectors.reset(((ListColumnVector) v).child);
        } else if (v instanceof MapColumnVector) {
            MapColumnVector m = (MapColumnVector) v;
            m.childCount = 0;
            Vectors.reset(m.keys);
            Vectors.reset(m.values);
        } else if (v instanceof StructColumnVector) {
            for (ColumnVector f : ((StructColumnVector) v).fields) {
                Vectors.reset(f);
            }
        }
    }

    static Object value(ColumnVector v, int r, ColumnType type) {
        List<ColumnType> c = type.children();
        switch (type.kind()) {
            case ARRAY: {
                ListColumnVector l = (ListColumnVector) v;
                List<Object> out = new ArrayList<>((int) l.lengths[r]);
                for (long k = 0; k < l.lengths[r]; k++) {
                    out.add(Vectors.value(l.child, (int) (l.offsets[r] + k), c.get(0)));
                }
                return Collections.unmodifiableList(out);
            }
            case MAP: {
                MapColumnVector m = (MapColumnVector) v;
                Map<Object, Object> out = new LinkedHashMap<>();
                for (long k = 0; k < m.lengths[r]; k++) {
                    int e = (int) (m.offsets[r] + k);
                    out.put(Vectors.value(m.keys, e, c.get(0)), Vectors.value(m.values, e, c.get(1)));
                }
                return Collections.unmodifiableMap(out);
            }
            default: {
                StructColumnVector s = (StructColumnVector) v;
                List<Object> out = new ArrayList<>(c.size());
                for (int k = 0; k < c.size(); k++) {
                    out.add(Vectors.value(s.fields[k], r, c.get(k)));
                }
                return Collections.unmodifiableList(out);
            }
        }
    }

    /** Sets a row from a non-NULL Java value (a List for ARRAY and ROW, a Map for MAP). */
    static void set(ColumnVector v, int row, ColumnType type, Object value) {
        List<ColumnType> c = type.children();
        switch (type.kind()) {
            case ARRAY: {
                ListColumnVector l = (ListColumnVector) v;
                List<?> items = (List<?>) value;
                int off = reserve(l, items.size());
                for (int k = 0; k < items.size(); k++) {
                    Vectors.set(l.child, off + k, c.get(0), items.get(k));
                }
                l.offsets[row] = off;
                l.lengths[row] = items.size();
                return;
            }
            case MAP: {
                MapColumnVector m = (MapColumnVector) v;
                Map<?, ?> entries = (Map<?, ?>) value;
                int off = reserve(m, entries.size());
                int k = 0;
                for (Map.Entry<?, ?> e : entries.entrySet()) {
                    Vectors.set(m.keys, off + k, c.get(0), e.getKey());
                    Vectors.set(m.values, off + k, c.get(1), e.getValue());
                    k++;
                }
                m.offsets[row] = off;
                m.lengths[row] = entries.size();
                return;
            }
            default: {
                StructColumnVector s = (StructColumnVector) v;
                List<?> fields = (List<?>) value;
                for (int k = 0; k < c.size(); k++) {
                    Vectors.set(s.fields[k], row, c.get(k), fields.get(k));
                }
            }
        }
    }

    /** Appends room for {@code n} child entries; returns the offset of the first. */
    private static int reserve(MultiValuedColumnVector v, int n) {
        int off = v.childCount;
        int need = off + n;
        if (v instanceof ListColumnVector) {
            grow(((ListColumnVector) v).child, need);
        } else {
            grow(((MapColumnVector) v).keys, need);
            grow(((MapColumnVector) v).values, need);
        }
        v.childCount = need;
        return off;
    }

    private static void grow(ColumnVector child, int need) {
        if (child.isNull.length < need) {
            child.ensureSize(Math.max(need, child.isNull.length * 2), true);
        }
    }

    /** Copies row {@code from} of a nested vector into row {@code to} of another of the same shape. */
    static void copy(ColumnVector src, int from, ColumnVector dst, int to) {
        if (src instanceof StructColumnVector) {
            ColumnVector[] s = ((StructColumnVector) src).fields;
            ColumnVector[] d = ((StructColumnVector) dst).fields;
            for (int k = 0; k < s.length; k++) {
                Vectors.copy(s[k], from, d[k], to);
            }
            return;
        }
        MultiValuedColumnVector s = (MultiValuedColumnVector) src;
        MultiValuedColumnVector d = (MultiValuedColumnVector) dst;
        int n = (int) s.lengths[from];
        int off = reserve(d, n);
        for (int k = 0; k < n; k++) {
            int e = (int) (s.offsets[from] + k);
            if (s instanceof ListColumnVector) {
                Vectors.copy(((ListColumnVector) s).child, e, ((ListColumnVector) d).child, off + k);
            } else {
                Vectors.copy(((MapColumnVector) s).keys, e, ((MapColumnVector) d).keys, off + k);
                Vectors.copy(((MapColumnVector) s).values, e, ((MapColumnVector) d).values, off + k);
            }
        }
        d.offsets[to] = off;
        d.lengths[to] = n;
    }

    static boolean isNested(ColumnVector v) {
        return !(v instanceof LongColumnVector || v instanceof DoubleColumnVector || v instanceof BytesColumnVector);
    }
}
