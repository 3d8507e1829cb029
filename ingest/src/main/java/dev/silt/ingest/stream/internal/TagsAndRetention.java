package dev.silt.ingest.stream.internal;

import dev.silt.ingest.IngestKeys;
import dev.silt.ingest.stream.StreamErrorType;
import dev.silt.ingest.stream.StreamException;
import dev.silt.ingest.stream.model.AddTagsToStreamRequest;
import dev.silt.ingest.stream.model.ListTagsForStreamRequest;
import dev.silt.ingest.stream.model.ListTagsForStreamResponse;
import dev.silt.ingest.stream.model.RemoveTagsFromStreamRequest;
import dev.silt.ingest.stream.model.Tag;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.regex.Pattern;

/** A stream's tags and retention period, and the trimming that retention drives. */
final class TagsAndRetention {
    private static final int MAX_TAGS_PER_STREAM = 50;
    private static final int MAX_TAGS_PER_CALL = 10;
    private static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@%]*");

    private final Streams streams;

    TagsAndRetention(Streams streams) {
        this.streams = streams;
    }

    void changeRetention(String streamName, String streamArn, Integer hours, boolean increase) {
        String name = streams.resolveName(streamName, streamArn);
        Checks.required("retentionPeriodHours", hours);
        long min = IngestKeys.RETENTION_HOURS.min();
        long max = IngestKeys.RETENTION_HOURS.max();
        if (hours < min) {
            throw Errors.invalid(String.format(
                    Locale.ROOT,
                    "Minimum allowed retention period is %d hours. Requested retention period (%d hours) is too"
                            + " short.",
                    min,
                    hours));
        }
        if (hours > max) {
            throw Errors.invalid(String.format(
                    Locale.ROOT,
                    "Maximum allowed retention period is %d hours. Requested retention period (%d hours) is too"
                            + " long.",
                    max,
                    hours));
        }
        StreamState s = streams.active(name);
        synchronized (s) {
            int current = s.retentionHours();
            if (increase && hours < current) {
                throw Errors.invalid(String.format(
                        Locale.ROOT,
                        "Requested retention period (%d hours) for stream %s can not be shorter than existing"
                                + " retention period (%d hours). Use DecreaseRetentionPeriod API.",
                        hours,
                        name,
                        current));
            }
            if (!increase && hours > current) {
                throw Errors.invalid(String.format(
                        Locale.ROOT,
                        "Requested retention period (%d hours) for stream %s can not be longer than existing"
                                + " retention period (%d hours). Use IncreaseRetentionPeriod API.",
                        hours,
                        name,
                        current));
            }
            try {
                s.setRetentionHours(hours);
            } catch (IOException e) {
                throw Errors.internal(e);
            }
        }
    }

    static void checkTags(Map<String, String> tags, int maxPerCall) {
        if (tags.size() > maxPerCall) {
            throw Errors.validation(
                    "tags", tags.keySet(), "Member must have length less than or equal to " + maxPerCall);
        }
        for (Map.Entry<String, String> e : tags.entrySet()) {
            checkKey(e.getKey());
            String value = e.getValue() == null ? "" : e.getValue();
            Checks.length("tags." + e.getKey() + ".value", value, 0, 256);
            if (!TAG_TEXT.matcher(value).matches()) {
                throw Errors.invalid(
                        "Tag value '" + value + "' may hold only letters, digits, spaces and _ . : / = +" + " - @ %.");
            }
        }
    }

    private static void checkKey(String key) {
        Checks.required("tagKey", key);
        Checks.length("tagKey", key, 1, 128);
        if (key.regionMatches(true, 0, "aws:", 0, 4)) {
            throw Errors.invalid("Tag key '" + key + "' uses the prefix 'aws:', which is reserved.");
        }
        if (!TAG_TEXT.matcher(key).matches()) {
            throw Errors.invalid("Tag key '" + key + "' may hold only letters, digits, spaces and _ . : / = + - @ %.");
        }
    }

    void addTags(AddTagsToStreamRequest request) {
        String name = streams.resolveName(request.streamName(), request.streamARN());
        Checks.required("tags", request.tags());
        if (request.tags().isEmpty()) {
            throw Errors.validation("tags", "{}", "Member must have length greater than or equal to 1");
        }
        checkTags(request.tags(), MAX_TAGS_PER_CALL);
        StreamState s = liveStream(name);
        synchronized (s) {
            NavigableMap<String, String> tags = s.tags();
            for (Map.Entry<String, String> e : request.tags().entrySet()) {
                tags.put(e.getKey(), e.getValue() == null ? "" : e.getValue());
            }
            if (tags.size() > MAX_TAGS_PER_STREAM) {
                throw new StreamException(
                        StreamErrorType.LIMIT_EXCEEDED,
                        "Failed to add tags to stream " + name + " under account " + streams.errors.account()
                                + " because a given stream cannot have more than " + MAX_TAGS_PER_STREAM + " tags.");
            }
            try {
                s.replaceTags(tags);
            } catch (IOException e) {
                throw Errors.internal(e);
            }
        }
    }

    ListTagsForStreamResponse listTags(ListTagsForStreamRequest request) {
        String name = streams.resolveName(request.streamName(), request.streamARN());
        Checks.range("limit", request.limit(), 1, MAX_TAGS_PER_STREAM);
        if (request.exclusiveStartTagKey() != null) {
            Checks.length("exclusiveStartTagKey", request.exclusiveStartTagKey(), 1, 128);
        }
        int limit = request.limit() == null ? MAX_TAGS_PER_STREAM : request.limit();
        NavigableMap<String, String> tags = streams.stream(name).tags();
        Map<String, String> view =
                request.exclusiveStartTagKey() == null ? tags : tags.tailMap(request.exclusiveStartTagKey(), false);
        List<Tag> out = new ArrayList<>();
        for (Map.Entry<String, String> e : view.entrySet()) {
            if (out.size() == limit) {
                return new ListTagsForStreamResponse(out, true);
            }
            out.add(new Tag(e.getKey(), e.getValue()));
        }
        return new ListTagsForStreamResponse(out, false);
    }

    void removeTags(RemoveTagsFromStreamRequest request) {
        String name = streams.resolveName(request.streamName(), request.streamARN());
        Checks.required("tagKeys", request.tagKeys());
        if (request.tagKeys().isEmpty() || request.tagKeys().size() > MAX_TAGS_PER_CALL) {
            throw Errors.validation(
                    "tagKeys",
                    request.tagKeys(),
                    request.tagKeys().isEmpty()
                            ? "Member must have length greater than or equal to 1"
                            : "Member must have length less than or equal to " + MAX_TAGS_PER_CALL);
        }
        for (String key : request.tagKeys()) {
            Checks.required("tagKeys.member", key);
            Checks.length("tagKeys.member", key, 1, 128);
        }
        StreamState s = liveStream(name);
        synchronized (s) {
            NavigableMap<String, String> tags = s.tags();
            boolean changed = false;
            for (String key : request.tagKeys()) {
                changed |= tags.remove(key) != null;
            }
            if (changed) {
                try {
                    s.replaceTags(tags);
                } catch (IOException e) {
                    throw Errors.internal(e);
                }
            }
        }
    }

    private StreamState liveStream(String name) {
        StreamState s = streams.stream(name);
        if (s.status() == dev.silt.ingest.stream.model.StreamStatus.DELETING) {
            throw streams.errors.notActive(name, s.status());
        }
        return s;
    }

    /**
     * Trims records older than the stream's retention from every shard, then drops closed shards that closed before
     * the trim horizon (the service stops listing them too): their logs are closed and their directories deleted.
     */
    void trim(StreamState s) throws IOException {
        long horizon = streams.clock.millis() - s.retentionHours() * 3_600_000L;
        List<ShardState> expired = new ArrayList<>();
        s.gate.readLock().lock();
        try {
            if (s.isClosed()) {
                return;
            }
            for (ShardState shard : s.shards()) {
                if (shard.isExpired(horizon)) {
                    expired.add(shard);
                } else if (shard.log != null) {
                    shard.log.trimBefore(horizon);
                }
            }
        } finally {
            s.gate.readLock().unlock();
        }
        if (expired.isEmpty()) {
            return;
        }
        s.gate.writeLock().lock();
        try {
            if (s.isClosed()) {
                return;
            }
            synchronized (s) {
                for (ShardState shard : expired) {
                    s.removeShard(shard.shardId);
                }
                s.save();
            }
            for (ShardState shard : expired) {
                shard.closeLog();
                DataDirectory.deleteRecursively(s.shardDir(shard.shardId));
            }
        } finally {
            s.gate.writeLock().unlock();
        }
    }
}
