/**
 * The delivery: reads records from a {@link dev.silt.ingest.delivery.DeliverySource}, buffers them, and lands
 * them as files in a Hadoop file system ({@code file://}, {@code hdfs://}, {@code s3a://}) exactly once, in the
 * {@code yyyy/MM/dd/HH/} layout the MapReduce jobs and the SQL layers read.
 *
 * <h2>Buffers and files</h2>
 *
 * A record is transformed ({@link dev.silt.ingest.delivery.RecordTransform}), routed to an output directory
 * (prefix with {@code !{timestamp:…}} of its arrival or event time and {@code !{partitionKey:…}} values, or the
 * error prefix with {@code !{firehose:error-output-type}}), and appended to the buffer of (source partition,
 * directory). A buffer is landed as one file when it reaches the size hint, when it is older than the interval
 * hint, when input has been idle, when all buffers together pass the memory bound (the largest goes), and on
 * close. Its name is {@code <stream>-<partition>-<oldest arrival>-<first seq>-<last seq>.<ext>}; ranges of one
 * partition never overlap, so a name is never reused.
 *
 * <h2>Commit protocol (per source partition P)</h2>
 *
 * State: a checkpoint {@code (resumeAfter, landedThrough: dir -> seq)} in the {@link
 * dev.silt.ingest.delivery.CheckpointStore} (by default {@code <dest>/_delivery/<stream>/checkpoints/P/}), and
 * commit intents in {@code <dest>/_delivery/<stream>/intents/P/}. Landing buffer (P, dir) holding sequences
 * {@code [a, b]}:
 *
 * <ol>
 *   <li>write the intent {@code (P, dir, name, a, b)} whole;
 *   <li>write the data: on HDFS and local file systems to a temp file under {@code _delivery/<stream>/tmp/}
 *       then one atomic rename to {@code dir/name}; on object stores the final name directly, which becomes
 *       visible only when its upload completes (single PUT or multipart complete) — never a rename;
 *   <li>tell the {@link dev.silt.ingest.delivery.DeliverySink};
 *   <li>save the checkpoint: {@code landedThrough[dir] = b}, and {@code resumeAfter} = one before the first
 *       sequence still buffered for P (or the last sequence taken in, if none);
 *   <li>delete the intent.
 * </ol>
 *
 * On open ({@code reconcile}): temp files are deleted (no temp file outlives a restart); every intent whose
 * {@code dir/name} exists advances {@code landedThrough[dir]} to its {@code b} and is reported to the sink again;
 * the checkpoint is saved, the intents deleted, and the source seeks to {@code resumeAfter}. Records read again
 * are skipped when their sequence is at or before {@code landedThrough} of the directory they route to.
 *
 * <h2>Why exactly once</h2>
 *
 * Routing is a pure function of the record (bytes, source arrival time, deterministic transform), so a record
 * read again goes to the same directory. Within (P, dir), files are committed in sequence order and each holds
 * only sequences after the previous one's last, so "landed in dir" is exactly "routed to dir with sequence at or
 * before the last committed file's b". The checkpoint (with the intents, which cover the one window where a file
 * is committed but the checkpoint not yet saved) always knows that b: crash before step 2 completes — no file,
 * the intent is discarded, records are read again; crash after step 2 — the file exists, the intent advances
 * the checkpoint, its records are skipped on replay. Every record after {@code resumeAfter} is read again, so
 * none is lost; every record at or before {@code landedThrough[dir]} is skipped, so none lands twice. Each
 * record is in exactly one file ever, so a reader never sees it twice, not even while a flush that lands
 * several files (one per hour or partition value) is half done: it may see some of those files before others.
 *
 * <p>Assumptions: one process runs a given delivery stream at a time (no fencing yet); the source is {@link
 * dev.silt.ingest.delivery.DeliverySource#replayable() replayable} (the in-process direct-put source is not:
 * what it buffered is lost on a crash, never duplicated); a transform is deterministic.
 *
 * <h2>Compaction</h2>
 *
 * {@link dev.silt.ingest.delivery.DeliveryStream#compact} merges a directory's files (byte concatenation for
 * JSON lines, which stays valid for GZIP, ZSTD and framed Snappy; stripe merge for ORC). On HDFS and local file
 * systems the new set is built aside and swapped in by two directory renames: readers see the old set or the
 * new one, never both (a listing between the two renames finds the directory missing). On object stores there
 * is no atomic multi-object change: the intent is written, then the merged objects, then the inputs deleted; a
 * plain reader can see both sets for the duration of the deletes, a reader that honours the intent never does,
 * and a crash is finished or undone on the next open.
 */
package dev.silt.ingest.delivery;
