package dev.silt.sql.exec;

/** Where an operator instance runs: worker {@code worker} of {@code workers} (the leader is worker 0 of 1). */
public final class TaskContext {
    private final QueryContext query;
    private final int worker;
    private final int workers;

    public TaskContext(QueryContext query, int worker, int workers) {
        this.query = query;
        this.worker = worker;
        this.workers = workers;
    }

    public QueryContext query() {
        return query;
    }

    public int worker() {
        return worker;
    }

    public int workers() {
        return workers;
    }
}
