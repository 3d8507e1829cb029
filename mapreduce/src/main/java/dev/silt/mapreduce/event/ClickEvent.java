package dev.silt.mapreduce.event;

/**
 * One parsed clickstream event. Instances are mutable and reused by {@link EventParser} to keep the map side free of
 * per-record garbage; copy what must outlive the next {@code parse} call.
 */
public final class ClickEvent {
    long tsMillis;
    String user;
    String session;
    String method;
    String url;
    String referrer;
    long status;
    long bytes;
    long latencyMs;
    String country;
    String ua;

    void clear() {
        tsMillis = Long.MIN_VALUE;
        user = null;
        session = null;
        method = null;
        url = null;
        referrer = null;
        status = Long.MIN_VALUE;
        bytes = Long.MIN_VALUE;
        latencyMs = Long.MIN_VALUE;
        country = null;
        ua = null;
    }

    public long tsMillis() {
        return tsMillis;
    }

    public String user() {
        return user;
    }

    public String session() {
        return session;
    }

    public String method() {
        return method;
    }

    public String url() {
        return url;
    }

    public String referrer() {
        return referrer;
    }

    public int status() {
        return (int) status;
    }

    public long bytes() {
        return bytes;
    }

    public long latencyMs() {
        return latencyMs;
    }

    public String country() {
        return country;
    }

    public String ua() {
        return ua;
    }

    /** The value of a numeric field. */
    public long getLong(Field field) {
        switch (field) {
            case TS:
                return tsMillis;
            case STATUS:
                return status;
            case BYTES:
                return bytes;
            case LATENCY_MS:
                return latencyMs;
            default:
                throw new IllegalArgumentException("field " + field.jsonName() + " is not numeric");
        }
    }

    /** The value of any field as text, or {@code null} when an optional field is absent. */
    public String getString(Field field) {
        switch (field) {
            case TS:
                return Timestamps.format(tsMillis);
            case USER:
                return user;
            case SESSION:
                return session;
            case METHOD:
                return method;
            case URL:
                return url;
            case REFERRER:
                return referrer;
            case STATUS:
                return Long.toString(status);
            case BYTES:
                return Long.toString(bytes);
            case LATENCY_MS:
                return Long.toString(latencyMs);
            case COUNTRY:
                return country;
            case UA:
                return ua;
            case HOUR:
                return Timestamps.hour(tsMillis);
            case DATE:
                return Timestamps.date(tsMillis);
            default:
                throw new IllegalArgumentException("unhandled field " + field);
        }
    }
}
