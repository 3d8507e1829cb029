package dev.silt.ingest.delivery.internal;

import java.io.Closeable;
import java.io.IOException;

/** Writes the records of one landed file. Not thread-safe; {@link #close} finishes the file. */
public interface RecordFileWriter extends Closeable {
    void write(byte[] record) throws IOException;
}
