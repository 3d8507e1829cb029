package dev.silt.sql.pgwire.internal;

import dev.silt.sql.SqlEngine;
import dev.silt.sql.pgwire.PgServerOptions;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every session of one server shares: the engine, the options, the pool statements run on, the users'
 * credentials, and the live sessions by process id (for CancelRequest). Thread-safe.
 */
public final class ServerContext {
    final SqlEngine engine;
    final PgServerOptions options;
    final ExecutorService queries;
    /** Threads of queries read through suspended portals ({@link Cursor}); each ends when its portal closes. */
    final ExecutorService cursors;

    final Map<String, Scram.Credentials> scram = new ConcurrentHashMap<>();
    final Map<Integer, PgSession> sessions = new ConcurrentHashMap<>();
    final AtomicInteger open = new AtomicInteger();
    final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger nextPid = new AtomicInteger(1000);

    public ServerContext(SqlEngine engine, PgServerOptions options, ExecutorService queries) {
        this.engine = engine;
        this.options = options;
        this.queries = queries;
        AtomicInteger n = new AtomicInteger();
        this.cursors = java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "silt-pgwire-cursor-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        if (options.auth() == PgServerOptions.Auth.SCRAM_SHA_256) {
            for (Map.Entry<String, String> u : options.users().entrySet()) {
                scram.put(u.getKey(), Scram.Credentials.derive(u.getValue(), options.random()));
            }
        }
    }

    SecureRandom random() {
        return options.random();
    }

    int nextPid() {
        return nextPid.incrementAndGet();
    }

    /** Cancels the statement the session {@code pid} is running, if {@code secret} is that session's key. */
    void cancel(int pid, int secret) {
        PgSession s = sessions.get(pid);
        if (s != null && s.secret() == secret) {
            s.cancelRunning();
        }
    }

    /** Statements the engine is running now, across sessions. */
    public int runningStatements() {
        return running.get();
    }

    /** Number of sessions past authentication. */
    public int sessionCount() {
        return sessions.size();
    }

    /** Cancels every running statement and closes every session (server shutdown). */
    public void closeAll() {
        for (PgSession s : sessions.values()) {
            s.shutdown();
        }
        cursors.shutdownNow();
    }
}
