package dev.silt.sql.exec;

import dev.silt.sql.exec.expr.Expr;
import dev.silt.sql.exec.expr.ExprCompiler;
import dev.silt.sql.exec.expr.Logic;
import dev.silt.sql.spi.ColumnType;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * Hash join with a broadcast build side: the leader runs the build input once in {@link #prepare} into a shared,
 * read-only hash table (chained over row numbers), then every worker probes it with its share of the probe input.
 * Handles inner, outer on either side, semi and anti joins, equi keys plus an arbitrary residual condition (no keys
 * at all is a nested-loop join). When rows of the build side must be reported unmatched (RIGHT/FULL with the outer
 * side as build) the probe runs single, so one instance sees every match.
 *
 * <p>Partitioned (when the build input is parallel, a {@link Repartition} by the build keys, and the probe input a
 * {@link Repartition} by the probe keys): every worker builds its own table from the build rows hashed to it and
 * probes it with the probe rows hashed to it; for joins of two large inputs, whose build no one thread should do.
 *
 * <p>Output columns are Calcite's: left input then right input (SEMI/ANTI: the probe, i.e. left, input only).
 */
public final class HashJoin extends PlanNode {
    /** The join semantics, seen from the probe side. */
    public enum Kind {
        INNER,
        PROBE_OUTER,
        BUILD_OUTER,
        FULL,
        SEMI,
        ANTI
    }

    private final PlanNode probe;
    private final PlanNode build;
    private final Kind kind;
    private final int[] probeKeys;
    private final int[] buildKeys;
    private final boolean[] nullSafe;
    private final RexNode residual;
    private final RexBuilder rexBuilder;
    private final boolean probeIsLeft;
    private final List<ColumnType> pairTypes;

    // built once per execution by prepare(); read-only afterwards
    private ColumnStore rows;
    private int[] rowHash;
    private int[] head;
    private int[] next;
    private int mask;
    private boolean[] buildMatched;

    public HashJoin(
            PlanNode probe,
            PlanNode build,
            Kind kind,
            int[] probeKeys,
            int[] buildKeys,
            boolean[] nullSafe,
            RexNode residual,
            RexBuilder rexBuilder,
            boolean probeIsLeft,
            List<ColumnType> pairTypes,
            List<ColumnType> types) {
        super(types, probe.parallel());
        if (build.parallel() && (!probe.parallel() || kind == Kind.BUILD_OUTER || kind == Kind.FULL)) {
            throw new IllegalArgumentException("a partitioned hash join needs a parallel probe and cannot be " + kind
                    + ": its build side must be read whole by one instance");
        }
        this.probe = probe;
        this.build = build;
        this.kind = kind;
        this.probeKeys = probeKeys.clone();
        this.buildKeys = buildKeys.clone();
        this.nullSafe = nullSafe.clone();
        this.residual = residual;
        this.rexBuilder = rexBuilder;
        this.probeIsLeft = probeIsLeft;
        this.pairTypes = List.copyOf(pairTypes);
    }

    @Override
    public List<PlanNode> children() {
        return List.of(probe, build);
    }

    @Override
    public String describe() {
        return "HashJoin(" + kind.name().toLowerCase(Locale.ROOT) + ", probe " + (probeIsLeft ? "left" : "right")
                + " keys=" + Arrays.toString(probeKeys) + " = build keys=" + Arrays.toString(buildKeys)
                + (residual == null ? "" : ", residual=" + residual)
                + (build.parallel() ? ", partitioned by key)" : ", build side broadcast)");
    }

    /** A hash table over build rows, chained over row numbers; read-only once built. */
    private static final class Table {
        ColumnStore rows;
        int[] rowHash;
        int[] head;
        int[] next;
        int mask;
        boolean[] buildMatched;
    }

    @Override
    public void prepare(QueryContext query) {
        long t0 = System.nanoTime();
        build.prepare(query);
        if (!build.parallel()) {
            try (Operator op = build.start(new TaskContext(query, 0, 1))) {
                Table t = buildTable(op, query);
                rows = t.rows;
                rowHash = t.rowHash;
                head = t.head;
                next = t.next;
                mask = t.mask;
                buildMatched = t.buildMatched;
            }
        }
        recordBuild(System.nanoTime() - t0);
        probe.prepare(query);
    }

    /** Reads the whole build input into a hash table, counting it against the query's memory. */
    private Table buildTable(Operator op, QueryContext query) {
        Table t = new Table();
        ColumnStore rows = new ColumnStore(build.types());
        int[] all = new int[build.types().size()];
        for (int c = 0; c < all.length; c++) {
            all[c] = c;
        }
        int[] hashes = new int[Vectors.BATCH];
        int[] hashList = new int[1024];
        boolean[] skip = new boolean[1024];
        long reserved = 0;
        VectorizedRowBatch b;
        while ((b = op.next()) != null) {
            query.checkCancelled();
            if (b.size == 0) {
                continue;
            }
            int base = rows.size();
            int[] sel = Vectors.rows(b);
            keyHashes(b, buildKeys, sel, b.size, hashes);
            rows.append(b, all);
            if (rows.size() > hashList.length) {
                hashList = Arrays.copyOf(hashList, Math.max(rows.size(), hashList.length * 2));
                skip = Arrays.copyOf(skip, hashList.length);
            }
            for (int j = 0; j < b.size; j++) {
                hashList[base + j] = hashes[j];
                skip[base + j] = hasNullKey(b.cols, buildKeys, sel[j]);
            }
            long now = rows.estimatedBytes() + hashList.length * 5L;
            if (now - reserved > (1 << 20)) {
                query.reserve(now - reserved);
                reserved = now;
            }
        }
        int n = rows.size();
        int cap = Integer.highestOneBit(Math.max(2, n) * 2 - 1) << 1;
        int[] head = new int[cap];
        Arrays.fill(head, -1);
        int[] next = new int[n];
        int mask = cap - 1;
        int[] rowHash = Arrays.copyOf(hashList, n);
        // insert in reverse so that chains list rows in arrival order
        for (int r = n - 1; r >= 0; r--) {
            if (skip[r]) {
                continue;
            }
            int bucket = rowHash[r] & mask;
            next[r] = head[bucket];
            head[bucket] = r;
        }
        query.reserve(cap * 4L + n * 4L);
        t.rows = rows;
        t.rowHash = rowHash;
        t.head = head;
        t.next = next;
        t.mask = mask;
        t.buildMatched = kind == Kind.BUILD_OUTER || kind == Kind.FULL ? new boolean[n] : null;
        return t;
    }

    private boolean hasNullKey(ColumnVector[] cols, int[] keys, int r) {
        for (int k = 0; k < keys.length; k++) {
            ColumnVector v = cols[keys[k]];
            if (!nullSafe[k] && !v.noNulls && v.isNull[r]) {
                return true;
            }
        }
        return false;
    }

    private static void keyHashes(VectorizedRowBatch b, int[] keys, int[] sel, int n, int[] hashes) {
        if (keys.length == 0) {
            Arrays.fill(hashes, 0, n, 0);
            return;
        }
        for (int k = 0; k < keys.length; k++) {
            Hashing.hash(b.cols[keys[k]], sel, n, hashes, k == 0);
        }
    }

    @Override
    public Operator open(TaskContext task) {
        if (!build.parallel()) {
            return new Run(task, probe.start(task), null);
        }
        // partitioned: this worker's share of the build rows, whose keys hash to it as do its probe rows
        Table t;
        long t0 = System.nanoTime();
        try (Operator op = build.start(task)) {
            t = buildTable(op, task.query());
        }
        recordBuild(System.nanoTime() - t0);
        return new Run(task, probe.start(task), t);
    }

    private final class Run implements Operator {
        private final TaskContext task;
        private final Operator source;
        private final Expr residualExpr;
        private final ArrayDeque<VectorizedRowBatch> queue = new ArrayDeque<>();
        private final int[] hashes = new int[Vectors.BATCH];
        private final boolean[] matched = new boolean[Vectors.BATCH];
        private final int[] pairProbe = new int[Vectors.BATCH];
        private final int[] pairBuild = new int[Vectors.BATCH];
        private int pairs;
        private boolean probeDone;
        private boolean tailDone;
        private VectorizedRowBatch current;
        // the broadcast table, or this worker's own when the join is partitioned (these hide the node's fields)
        private final ColumnStore rows;
        private final int[] rowHash;
        private final int[] head;
        private final int[] next;
        private final int mask;
        private final boolean[] buildMatched;

        Run(TaskContext task, Operator source, Table own) {
            this.task = task;
            this.source = source;
            this.rows = own == null ? HashJoin.this.rows : own.rows;
            this.rowHash = own == null ? HashJoin.this.rowHash : own.rowHash;
            this.head = own == null ? HashJoin.this.head : own.head;
            this.next = own == null ? HashJoin.this.next : own.next;
            this.mask = own == null ? HashJoin.this.mask : own.mask;
            this.buildMatched = own == null ? HashJoin.this.buildMatched : own.buildMatched;
            this.residualExpr = residual == null ? null : new ExprCompiler(pairTypes, rexBuilder).compile(residual);
        }

        @Override
        public VectorizedRowBatch next() {
            while (queue.isEmpty()) {
                if (probeDone) {
                    if (!tailDone) {
                        tailDone = true;
                        if (buildMatched != null) {
                            emitUnmatchedBuild();
                            continue;
                        }
                    }
                    return null;
                }
                VectorizedRowBatch b = source.next();
                if (b == null) {
                    probeDone = true;
                    continue;
                }
                task.query().checkCancelled();
                if (b.size > 0) {
                    probe(b);
                }
            }
            return queue.poll();
        }

        private void probe(VectorizedRowBatch b) {
            current = b;
            int n = b.size;
            int[] sel = Vectors.rows(b);
            keyHashes(b, probeKeys, sel, n, hashes);
            Arrays.fill(matched, 0, n, false);
            boolean existenceOnly = residualExpr == null && (kind == Kind.SEMI || kind == Kind.ANTI);
            for (int j = 0; j < n; j++) {
                int r = sel[j];
                if (hasNullKey(b.cols, probeKeys, r)) {
                    continue;
                }
                int h = hashes[j];
                for (int br = head[h & mask]; br >= 0; br = next[br]) {
                    if (rowHash[br] != h || !keysEqual(b.cols, r, br)) {
                        continue;
                    }
                    if (existenceOnly) {
                        matched[j] = true;
                        break;
                    }
                    pairProbe[pairs] = j;
                    pairBuild[pairs] = br;
                    if (++pairs == Vectors.BATCH) {
                        flushPairs();
                    }
                }
            }
            flushPairs();
            switch (kind) {
                case SEMI:
                case ANTI: {
                    boolean want = kind == Kind.SEMI;
                    int[] out = new int[Vectors.BATCH];
                    int k = 0;
                    for (int j = 0; j < n; j++) {
                        if (matched[j] == want) {
                            out[k++] = sel[j];
                        }
                    }
                    if (k > 0) {
                        VectorizedRowBatch o = new VectorizedRowBatch(b.numCols, Vectors.BATCH);
                        System.arraycopy(b.cols, 0, o.cols, 0, b.numCols);
                        o.selected = out;
                        o.selectedInUse = true;
                        o.size = k;
                        queue.add(o);
                    }
                    break;
                }
                case PROBE_OUTER:
                case FULL:
                    emitUnmatchedProbe(b, sel, n);
                    break;
                default:
                    break;
            }
        }

        private boolean keysEqual(ColumnVector[] cols, int r, int br) {
            for (int k = 0; k < probeKeys.length; k++) {
                if (!Hashing.equal(cols[probeKeys[k]], r, rows, buildKeys[k], br)) {
                    return false;
                }
            }
            return true;
        }

        /** Materializes the buffered (probe, build) pairs in left+right layout, applies the residual. */
        private void flushPairs() {
            if (pairs == 0) {
                return;
            }
            int n = pairs;
            pairs = 0;
            VectorizedRowBatch b = current;
            int[] sel = Vectors.rows(b);
            int probeCols = probe.types().size();
            int buildCols = build.types().size();
            VectorizedRowBatch o = new VectorizedRowBatch(probeCols + buildCols, Vectors.BATCH);
            int probeBase = probeIsLeft ? 0 : buildCols;
            int buildBase = probeIsLeft ? probeCols : 0;
            int[] probeRows = new int[n];
            for (int j = 0; j < n; j++) {
                probeRows[j] = sel[pairProbe[j]];
            }
            for (int c = 0; c < probeCols; c++) {
                ColumnVector v = Vectors.allocate(probe.types().get(c), Vectors.BATCH);
                Vectors.gather(b.cols[c], probeRows, n, v);
                o.cols[probeBase + c] = v;
            }
            for (int c = 0; c < buildCols; c++) {
                ColumnVector v = Vectors.allocate(build.types().get(c), Vectors.BATCH);
                rows.gather(c, pairBuild, n, v);
                o.cols[buildBase + c] = v;
            }
            o.size = n;
            if (residualExpr != null) {
                LongColumnVector pass = (LongColumnVector) residualExpr.eval(o);
                Logic.select(o, pass);
                int[] kept = o.selected;
                for (int k = 0; k < o.size; k++) {
                    int pj = kept[k];
                    matched[pairProbe[pj]] = true;
                    if (buildMatched != null) {
                        buildMatched[pairBuild[pj]] = true;
                    }
                }
            } else {
                for (int j = 0; j < n; j++) {
                    matched[pairProbe[j]] = true;
                    if (buildMatched != null) {
                        buildMatched[pairBuild[j]] = true;
                    }
                }
            }
            if (kind != Kind.SEMI && kind != Kind.ANTI && o.size > 0) {
                queue.add(o);
            }
        }

        private void emitUnmatchedProbe(VectorizedRowBatch b, int[] sel, int n) {
            int[] un = new int[n];
            int k = 0;
            for (int j = 0; j < n; j++) {
                if (!matched[j]) {
                    un[k++] = sel[j];
                }
            }
            if (k == 0) {
                return;
            }
            int probeCols = probe.types().size();
            int buildCols = build.types().size();
            VectorizedRowBatch o = new VectorizedRowBatch(probeCols + buildCols, Vectors.BATCH);
            int probeBase = probeIsLeft ? 0 : buildCols;
            int buildBase = probeIsLeft ? probeCols : 0;
            for (int c = 0; c < probeCols; c++) {
                ColumnVector v = Vectors.allocate(probe.types().get(c), Vectors.BATCH);
                Vectors.gather(b.cols[c], un, k, v);
                o.cols[probeBase + c] = v;
            }
            for (int c = 0; c < buildCols; c++) {
                o.cols[buildBase + c] = Vectors.nulls(build.types().get(c), k);
            }
            o.size = k;
            queue.add(o);
        }

        private void emitUnmatchedBuild() {
            int probeCols = probe.types().size();
            int buildCols = build.types().size();
            int probeBase = probeIsLeft ? 0 : buildCols;
            int buildBase = probeIsLeft ? probeCols : 0;
            int total = rows.size();
            int[] idx = new int[Vectors.BATCH];
            int k = 0;
            for (int r = 0; r <= total; r++) {
                if (r < total && !buildMatched[r]) {
                    idx[k++] = r;
                }
                if (k == Vectors.BATCH || (r == total && k > 0)) {
                    VectorizedRowBatch o = new VectorizedRowBatch(probeCols + buildCols, Vectors.BATCH);
                    for (int c = 0; c < probeCols; c++) {
                        o.cols[probeBase + c] = Vectors.nulls(probe.types().get(c), k);
                    }
                    for (int c = 0; c < buildCols; c++) {
                        ColumnVector v = Vectors.allocate(build.types().get(c), Vectors.BATCH);
                        rows.gather(c, idx, k, v);
                        o.cols[buildBase + c] = v;
                    }
                    o.size = k;
                    queue.add(o);
                    idx = new int[Vectors.BATCH];
                    k = 0;
                }
            }
        }

        @Override
        public void close() {
            source.close();
        }
    }
}
