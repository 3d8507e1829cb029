package dev.silt.ingest.stream;

import dev.silt.ingest.IngestKeys;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How a {@link StreamService} behaves: the region and account in ARNs and messages, the shard logs' options, the
 * status delays, the account's shard limit, whether throughput limits apply, the default retention of new streams
 * and how often background maintenance runs. Defaults and ranges come from {@link IngestKeys}.
 */
public record StreamServiceOptions(
        String region,
        String accountId,
        ShardLogOptions shardLogOptions,
        Duration createDelay,
        Duration updateDelay,
        Duration deleteDelay,
        int shardLimit,
        boolean throughputLimits,
        int defaultRetentionHours,
        Duration maintenanceInterval) {
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,32}");
    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");

    public StreamServiceOptions {
        if (region == null || !REGION.matcher(region).matches()) {
            throw new IllegalArgumentException(
                    "region must be lower-case letters, digits and '-', got '" + region + "'");
        }
        if (accountId == null || !ACCOUNT.matcher(accountId).matches()) {
            throw new IllegalArgumentException("account id must be 12 digits, got '" + accountId + "'");
        }
        if (shardLogOptions == null) {
            throw new IllegalArgumentException("shard log options are required");
        }
        checkDelay(createDelay, "create delay");
        checkDelay(updateDelay, "update delay");
        checkDelay(deleteDelay, "delete delay");
        if (shardLimit < 1) {
            throw new IllegalArgumentException("shard limit must be at least 1, got " + shardLimit);
        }
        if (defaultRetentionHours < IngestKeys.RETENTION_HOURS.min()
                || defaultRetentionHours > IngestKeys.RETENTION_HOURS.max()) {
            throw new IllegalArgumentException("retention must be 24 to 8760 hours, got " + defaultRetentionHours);
        }
        if (maintenanceInterval == null || maintenanceInterval.isNegative() || maintenanceInterval.isZero()) {
            throw new IllegalArgumentException("maintenance interval must be positive, got " + maintenanceInterval);
        }
    }

    private static void checkDelay(Duration delay, String what) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException(what + " must be zero or positive, got " + delay);
        }
    }

    public static StreamServiceOptions defaults() {
        return fromConfig(Map.of());
    }

    public static StreamServiceOptions fromConfig(Map<String, String> conf) {
        return new StreamServiceOptions(
                IngestKeys.STREAM_REGION.getString(conf),
                IngestKeys.STREAM_ACCOUNT.getString(conf),
                ShardLogOptions.fromConfig(conf),
                Duration.ofMillis(IngestKeys.STREAM_CREATE_DELAY_MILLIS.getLong(conf)),
                Duration.ofMillis(IngestKeys.STREAM_UPDATE_DELAY_MILLIS.getLong(conf)),
                Duration.ofMillis(IngestKeys.STREAM_DELETE_DELAY_MILLIS.getLong(conf)),
                (int) IngestKeys.STREAM_SHARD_LIMIT.getLong(conf),
                IngestKeys.STREAM_THROUGHPUT_LIMITS.getBoolean(conf),
                (int) IngestKeys.RETENTION_HOURS.getLong(conf),
                Duration.ofMillis(IngestKeys.STREAM_MAINTENANCE_INTERVAL_MILLIS.getLong(conf)));
    }

    /** Options for tests: every status change immediate. */
    public StreamServiceOptions withoutDelays() {
        return withDelays(Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    public StreamServiceOptions withDelays(Duration create, Duration update, Duration delete) {
        return new StreamServiceOptions(
                region,
                accountId,
                shardLogOptions,
                create,
                update,
                delete,
                shardLimit,
                throughputLimits,
                defaultRetentionHours,
                maintenanceInterval);
    }

    public StreamServiceOptions withShardLogOptions(ShardLogOptions logOptions) {
        return new StreamServiceOptions(
                region,
                accountId,
                logOptions,
                createDelay,
                updateDelay,
                deleteDelay,
                shardLimit,
                throughputLimits,
                defaultRetentionHours,
                maintenanceInterval);
    }

    public StreamServiceOptions withShardLimit(int limit) {
        return new StreamServiceOptions(
                region,
                accountId,
                shardLogOptions,
                createDelay,
                updateDelay,
                deleteDelay,
                limit,
                throughputLimits,
                defaultRetentionHours,
                maintenanceInterval);
    }

    public StreamServiceOptions withThroughputLimits(boolean enabled) {
        return new StreamServiceOptions(
                region,
                accountId,
                shardLogOptions,
                createDelay,
                updateDelay,
                deleteDelay,
                shardLimit,
                enabled,
                defaultRetentionHours,
                maintenanceInterval);
    }

    /** The ARN of a stream of this account and region: {@code arn:aws:kinesis:<region>:<account>:stream/<name>}. */
    public String streamArn(String streamName) {
        return "arn:aws:kinesis:" + region + ":" + accountId + ":stream/" + streamName;
    }
}
