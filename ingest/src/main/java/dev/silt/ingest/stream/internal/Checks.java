package dev.silt.ingest.stream.internal;

import java.util.regex.Pattern;

/** Member constraints of the API's shapes (lengths, patterns, ranges), failing with ValidationException. */
public final class Checks {
    public static final Pattern STREAM_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
    public static final Pattern SHARD_ID = Pattern.compile("[a-zA-Z0-9_.-]+");
    public static final Pattern HASH_KEY = Pattern.compile("0|([1-9]\\d{0,38})");
    public static final Pattern SEQUENCE_NUMBER = Pattern.compile("0|([1-9]\\d{0,128})");
    public static final Pattern STREAM_ARN =
            Pattern.compile("arn:aws[a-z-]*:kinesis:([a-z0-9-]+):([0-9]{12}):stream/([a-zA-Z0-9_.-]+)");

    private Checks() {}

    public static void required(String member, Object value) {
        if (value == null) {
            throw Errors.validation(member, null, "Member must not be null");
        }
    }

    public static void length(String member, String value, int min, int max) {
        if (value.length() < min) {
            throw Errors.validation(member, value, "Member must have length greater than or equal to " + min);
        }
        if (value.length() > max) {
            throw Errors.validation(member, value, "Member must have length less than or equal to " + max);
        }
    }

    public static void pattern(String member, String value, Pattern pattern) {
        if (!pattern.matcher(value).matches()) {
            throw Errors.validation(
                    member, value, "Member must satisfy regular expression pattern: " + pattern.pattern());
        }
    }

    public static void range(String member, Integer value, int min, int max) {
        if (value == null) {
            return;
        }
        if (value < min) {
            throw Errors.validation(member, value, "Member must have value greater than or equal to " + min);
        }
        if (value > max) {
            throw Errors.validation(member, value, "Member must have value less than or equal to " + max);
        }
    }

    public static void streamName(String member, String name) {
        required(member, name);
        length(member, name, 1, 128);
        pattern(member, name, STREAM_NAME);
    }

    public static void shardId(String member, String id) {
        required(member, id);
        length(member, id, 1, 128);
        pattern(member, id, SHARD_ID);
    }

    public static void partitionKey(String member, String key) {
        required(member, key);
        length(member, key, 1, 256);
    }

    /** An optional decimal sequence number; null passes. */
    public static void sequenceNumber(String member, String value) {
        if (value != null) {
            pattern(member, value, SEQUENCE_NUMBER);
        }
    }

    /** An optional decimal hash key; null passes. */
    public static void hashKey(String member, String value) {
        if (value != null) {
            pattern(member, value, HASH_KEY);
        }
    }
}
