package dev.silt.ingest.delivery;

import java.util.Map;
import java.util.Objects;

/**
 * What a delivery stream has landed of one source partition: every record at or before {@code resumeAfter} is
 * landed (or was dropped by the transform), and for each output directory in {@code landedThrough}, every record
 * routed there at or before the given position is landed too. After a restart the source resumes after {@code
 * resumeAfter}, and a record routed to a directory whose landed position is at or past its own is skipped.
 *
 * @param partition source partition id
 * @param resumeAfter the source resumes after this position; {@code -1}: from the beginning
 * @param landedThrough output directory (relative to the destination) to the last position landed there, only
 *     for positions after {@code resumeAfter}
 */
public record SourceCheckpoint(String partition, long resumeAfter, Map<String, Long> landedThrough) {
    public SourceCheckpoint {
        Objects.requireNonNull(partition, "partition");
        landedThrough = Map.copyOf(landedThrough);
    }
}
