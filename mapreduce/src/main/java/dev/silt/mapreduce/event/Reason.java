package dev.silt.mapreduce.event;

import java.util.Locale;

/** Why a record went to quarantine. Each reason is also a Hadoop counter in the group {@code Quarantine}. */
public enum Reason {
    /** Not a JSON object, or broken JSON. */
    MALFORMED_JSON,
    /** Bytes that are not UTF-8. */
    INVALID_UTF8,
    /** A required field is absent or null. */
    MISSING_FIELD,
    /** A field has the wrong JSON type or an unusable value. */
    BAD_VALUE,
    /** A line longer than {@code silt.mr.record.max.bytes}. */
    RECORD_TOO_LONG,
    /** A compressed file ended early (truncated or corrupt); the records before the damage were used. */
    TRUNCATED_INPUT,
    /** A record that does not fit the declared output schema. */
    SCHEMA_MISMATCH,
    /** A dimension-file line that cannot be used by a join. */
    BAD_DIMENSION_ROW;

    /** The reason as it appears in quarantine records, e.g. {@code missing_field}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
