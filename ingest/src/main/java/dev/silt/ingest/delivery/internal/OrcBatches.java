package dev.silt.ingest.delivery.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * The rows of one ORC buffer, converted as they come in: each record is parsed once, into column vectors, and
 * the file is written from them when the buffer lands. Owned by the delivery's thread.
 */
public final class OrcBatches {
    private final OrcJsonRows rows;
    private final List<VectorizedRowBatch> batches = new ArrayList<>();

    public OrcBatches(OrcJsonRows rows) {
        this.rows = rows;
    }

    /** Converts {@code json} into the next row; returns why it does not fit (nothing was added), or null. */
    public String add(byte[] json) {
        VectorizedRowBatch last = batches.isEmpty() ? null : batches.get(batches.size() - 1);
        if (last == null || last.size == last.getMaxSize()) {
            last = rows.schema().createRowBatch();
            batches.add(last);
        }
        // A refused record leaves its row half written; the next record overwrites all of it.
        String problem = rows.fill(last, last.size, json);
        if (problem == null) {
            last.size++;
        }
        return problem;
    }

    /** The converted rows, in order; the last batch may be partly filled (or, after a refusal, empty). */
    public List<VectorizedRowBatch> batches() {
        return batches;
    }
}
