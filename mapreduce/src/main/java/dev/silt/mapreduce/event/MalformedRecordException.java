package dev.silt.mapreduce.event;

/** A record that cannot be used, with the machine-readable reason and a sentence for people. */
public final class MalformedRecordException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Reason reason;

    public MalformedRecordException(Reason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
