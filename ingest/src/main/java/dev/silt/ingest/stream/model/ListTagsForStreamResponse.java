package dev.silt.ingest.stream.model;

import java.util.List;

/** {@code ListTagsForStream}'s answer, tags ordered by key. */
public record ListTagsForStreamResponse(List<Tag> tags, boolean hasMoreTags) {}
