package dev.silt.ingest.delivery;

/**
 * One object a delivery stream landed: where it is and which records of which source partition it holds.
 *
 * @param streamName the delivery stream
 * @param uri the object's full URI
 * @param sourcePartition source partition its records came from
 * @param firstSequence position of its first record
 * @param lastSequence position of its last record
 * @param records records it holds, or {@code -1} when reported again after a restart and not counted
 * @param errorOutput whether it is an error-output object (failed records with reasons)
 */
public record LandedObject(
        String streamName,
        String uri,
        String sourcePartition,
        long firstSequence,
        long lastSequence,
        long records,
        boolean errorOutput) {}
