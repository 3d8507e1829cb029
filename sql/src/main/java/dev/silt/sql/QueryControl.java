package dev.silt.sql;

import dev.silt.sql.exec.QueryContext;

/**
 * A handle to cancel a running statement from another thread. Pass a fresh one to {@link SqlEngine#execute(String,
 * QueryControl)}; {@link #cancel} may be called before, during or after execution (then it does nothing). The
 * statement fails with a {@link SqlException} saying it was cancelled. Thread-safe.
 */
public final class QueryControl {
    private volatile QueryContext context;
    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
        QueryContext c = context;
        if (c != null) {
            c.cancel();
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    void bind(QueryContext c) {
        context = c;
        if (cancelled) {
            c.cancel();
        }
    }
}
