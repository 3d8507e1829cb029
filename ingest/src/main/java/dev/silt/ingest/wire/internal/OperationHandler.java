package dev.silt.ingest.wire.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Runs one Kinesis operation. Called on a worker thread, never on an event loop, so it may block (fsync); it is
 * called concurrently for different connections and must be thread-safe.
 */
@FunctionalInterface
public interface OperationHandler {
    /**
     * Runs {@code operation} (the part of {@code X-Amz-Target} after the prefix) with its request members and
     * returns the response members.
     *
     * @throws WireException for an unknown operation ({@code UnknownOperationException}), an invalid request or
     *     an expected service condition; any other exception is an internal failure
     */
    ObjectNode handle(String operation, Members request) throws WireException;
}
