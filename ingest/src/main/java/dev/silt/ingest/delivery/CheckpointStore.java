package dev.silt.ingest.delivery;

import java.io.IOException;
import java.util.Map;

/**
 * Where a delivery stream keeps its {@link SourceCheckpoint}s. The default lives in the destination file system
 * (so HDFS and S3 deployments need no local state); another store (a consumer library's lease table, a database)
 * can take its place.
 *
 * <p>Contract: {@link #save} is atomic — after a crash at any point, {@link #loadAll} returns either the previous
 * or the new checkpoint of that partition, never a mix or nothing. One delivery stream writes its store at a time.
 */
public interface CheckpointStore {
    /** The latest saved checkpoint of every partition that has one. */
    Map<String, SourceCheckpoint> loadAll() throws IOException;

    /** Replaces the checkpoint of {@code checkpoint.partition()}. */
    void save(SourceCheckpoint checkpoint) throws IOException;
}
