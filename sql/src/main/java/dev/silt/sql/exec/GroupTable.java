package dev.silt.sql.exec;

import dev.silt.sql.spi.ColumnType;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * Maps group keys to dense group ids (0, 1, 2, … in order of first appearance) with open addressing over stored
 * hashes; keys live column-wise in a {@link ColumnStore}. NULL keys form one group, as GROUP BY requires. One
 * thread.
 */
final class GroupTable {
    private final ColumnStore keys;
    private final int[] keyCols;
    private final int[] identityCols;
    private int[] slots;
    private int[] groupHash;
    private int mask;
    private final int[] hashes = new int[Vectors.BATCH];

    GroupTable(List<ColumnType> keyTypes, int[] keyCols) {
        this.keys = new ColumnStore(keyTypes);
        this.keyCols = keyCols;
        this.identityCols = new int[keyCols.length];
        for (int k = 0; k < keyCols.length; k++) {
            identityCols[k] = k;
        }
        this.slots = new int[1024];
        this.mask = slots.length - 1;
        this.groupHash = new int[1024];
    }

    int size() {
        return keys.size();
    }

    ColumnStore keys() {
        return keys;
    }

    /** Fills {@code groupIds[j]} for each selected row j of the batch, adding new groups. */
    void groupIds(VectorizedRowBatch b, int[] groupIds) {
        int n = b.size;
        int[] rows = Vectors.rows(b);
        if (keyCols.length == 0) {
            if (keys.size() == 0) {
                addGroup(b.cols, rows[0], 0);
            }
            Arrays.fill(groupIds, 0, n, 0);
            return;
        }
        for (int k = 0; k < keyCols.length; k++) {
            Hashing.hash(b.cols[keyCols[k]], rows, n, hashes, k == 0);
        }
        ColumnVector[] cols = b.cols;
        for (int j = 0; j < n; j++) {
            int r = rows[j];
            int h = hashes[j];
            int idx = h & mask;
            while (true) {
                int s = slots[idx];
                if (s == 0) {
                    int g = addGroup(cols, r, h);
                    slots[idx] = g + 1;
                    groupIds[j] = g;
                    if (keys.size() * 2 > slots.length) {
                        rehash();
                    }
                    break;
                }
                int g = s - 1;
                if (groupHash[g] == h && sameKey(cols, r, g)) {
                    groupIds[j] = g;
                    break;
                }
                idx = (idx + 1) & mask;
            }
        }
    }

    /** Ensures the group-by-nothing aggregate has its one group even with no input. */
    void ensureSingleGroup() {
        if (keyCols.length == 0 && keys.size() == 0) {
            addGroup(new ColumnVector[0], 0, 0);
        }
    }

    private boolean sameKey(ColumnVector[] cols, int r, int g) {
        for (int k = 0; k < keyCols.length; k++) {
            if (!Hashing.equal(cols[keyCols[k]], r, keys, k, g)) {
                return false;
            }
        }
        return true;
    }

    private int addGroup(ColumnVector[] cols, int r, int h) {
        int g = keys.appendRow(cols, keyCols, r);
        if (g >= groupHash.length) {
            groupHash = Arrays.copyOf(groupHash, groupHash.length * 2);
        }
        groupHash[g] = h;
        return g;
    }

    private void rehash() {
        int[] bigger = new int[slots.length * 2];
        int m = bigger.length - 1;
        for (int g = 0; g < keys.size(); g++) {
            int idx = groupHash[g] & m;
            while (bigger[idx] != 0) {
                idx = (idx + 1) & m;
            }
            bigger[idx] = g + 1;
        }
        slots = bigger;
        mask = m;
    }

    long estimatedBytes() {
        return keys.estimatedBytes() + slots.length * 4L + groupHash.length * 4L;
    }
}
