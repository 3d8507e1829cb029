package dev.silt.ingest.stream;

import java.util.Locale;

/** When an acknowledged append has reached the disk. */
public enum FsyncPolicy {
    /**
     * The default: an append returns only after its bytes are forced to disk. Concurrent appends share one
     * {@code force} (group commit), so the cost of an fsync is spread over every batch waiting for it.
     */
    SYNC_EACH_BATCH,
    /**
     * Never force: an append returns once its bytes are in the operating system's cache. The records survive a
     * crash of the process but <b>acknowledged records are lost on power loss or a kernel crash</b>. For tests and
     * benchmarks that measure the cost of fsync only.
     */
    NONE;

    /** Parses a policy name, case-insensitively; unknown names are a clear error. */
    public static FsyncPolicy parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown fsync policy '" + name + "', expected SYNC_EACH_BATCH or NONE", e);
        }
    }
}
