package dev.silt.ingest.stream.internal;

import dev.silt.ingest.stream.StreamErrorType;
import dev.silt.ingest.stream.StreamException;
import dev.silt.ingest.stream.model.StreamStatus;
import java.io.IOException;
import java.util.Locale;

/** The service's error messages in one place, worded as the service words them where that is known. */
public final class Errors {
    private final String account;
    private final String region;

    public Errors(String account, String region) {
        this.account = account;
        this.region = region;
    }

    public String account() {
        return account;
    }

    public String region() {
        return region;
    }

    public StreamException streamNotFound(String stream) {
        return new StreamException(
                StreamErrorType.RESOURCE_NOT_FOUND, "Stream " + stream + " under account " + account + " not found.");
    }

    public StreamException shardNotFound(String stream, String shardId) {
        return new StreamException(
                StreamErrorType.RESOURCE_NOT_FOUND,
                "Shard " + shardId + " in stream " + stream + " under account " + account + " does not exist");
    }

    public StreamException streamExists(String stream) {
        return new StreamException(
                StreamErrorType.RESOURCE_IN_USE, "Stream " + stream + " under account " + account + " already exists.");
    }

    public StreamException notActive(String stream, StreamStatus status) {
        return new StreamException(
                StreamErrorType.RESOURCE_IN_USE,
                "Stream " + stream + " under account " + account + " not ACTIVE, instead in state " + status);
    }

    public StreamException shardLimit(int current, int limit, int additional) {
        return new StreamException(
                StreamErrorType.LIMIT_EXCEEDED,
                String.format(
                        Locale.ROOT,
                        "This request would exceed the shard limit for the account %s in %s. Current provisioned"
                                + " shard count for the account is %d. Limit: %d. Number of additional shards that"
                                + " would have resulted from this request: %d.",
                        account,
                        region,
                        current,
                        limit,
                        additional));
    }

    public String rateExceededMessage(String stream, String shardId) {
        return "Rate exceeded for shard " + shardId + " in stream " + stream + " under account " + account + ".";
    }

    public StreamException rateExceeded(String stream, String shardId) {
        return new StreamException(
                StreamErrorType.PROVISIONED_THROUGHPUT_EXCEEDED, rateExceededMessage(stream, shardId));
    }

    public static StreamException invalid(String message) {
        return new StreamException(StreamErrorType.INVALID_ARGUMENT, message);
    }

    /** A constraint violation, in the service's "1 validation error detected" form. */
    public static StreamException validation(String member, Object value, String constraint) {
        String shown = value == null ? "null" : "'" + value + "'";
        return new StreamException(
                StreamErrorType.VALIDATION,
                "1 validation error detected: Value " + shown + " at '" + member + "' failed to satisfy constraint: "
                        + constraint);
    }

    /** A constraint violation of a member whose value is not worth echoing (a blob, a list). */
    public static StreamException validationOf(String member, String constraint) {
        return new StreamException(
                StreamErrorType.VALIDATION,
                "1 validation error detected: Value at '" + member + "' failed to satisfy constraint: " + constraint);
    }

    public static StreamException internal(IOException e) {
        return new StreamException(StreamErrorType.INTERNAL_FAILURE, "Internal service failure: " + e.getMessage(), e);
    }
}
