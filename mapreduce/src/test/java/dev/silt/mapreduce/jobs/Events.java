package dev.silt.mapreduce.jobs;

import dev.silt.mapreduce.input.LandedRecord;
import java.util.Locale;

/** Builds landed records for job unit tests. */
final class Events {
    private Events() {}

    static LandedRecord line(String ts, String user, String url, int status, long bytes, long latency, String country) {
        LandedRecord r = new LandedRecord();
        r.line()
                .set(String.format(
                        Locale.ROOT,
                        "{\"ts\":\"%s\",\"user\":\"%s\",\"url\":\"%s\",\"status\":%d,\"bytes\":%d,\"latency_ms\":%d,"
                                + "\"country\":\"%s\"}",
                        ts,
                        user,
                        url,
                        status,
                        bytes,
                        latency,
                        country));
        return r;
    }

    static LandedRecord event(String user, String country, long bytes, long latency) {
        return line("2026-01-01T00:00:00.000Z", user, "/", 200, bytes, latency, country);
    }
}
