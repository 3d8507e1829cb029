package dev.silt.ingest.stream.internal;

import java.io.IOException;
import java.nio.file.Path;

/** A frame that fails its framing or CRC check, with the file and byte offset where it starts. */
public final class CorruptFrameException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long offset;
    private final String reason;
    private final boolean partial;

    public CorruptFrameException(Path file, long offset, String reason, boolean partial) {
        super("corrupt record in " + file + " at byte offset " + offset + ": " + reason);
        this.file = file;
        this.offset = offset;
        this.reason = reason;
        this.partial = partial;
    }

    public Path file() {
        return file;
    }

    public long offset() {
        return offset;
    }

    public String reason() {
        return reason;
    }

    /** Whether the frame runs past the end of the file (a torn write), rather than failing its checks. */
    public boolean partial() {
        return partial;
    }
}
