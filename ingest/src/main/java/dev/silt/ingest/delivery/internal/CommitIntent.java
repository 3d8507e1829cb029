package dev.silt.ingest.delivery.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * What a delivery is about to commit: the file {@code dir + name} holding sequences {@code first..last} of a
 * source partition. Written whole before the file is started, deleted after the checkpoint records the file.
 */
public record CommitIntent(String partition, String dir, String name, long first, long last, boolean errorOutput) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public byte[] toJson() {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("partition", partition);
        node.put("dir", dir);
        node.put("name", name);
        node.put("first", first);
        node.put("last", last);
        node.put("error", errorOutput);
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The intent in {@code in}, or {@code null} if it is incomplete (its file was then never started). */
    public static CommitIntent read(InputStream in) throws IOException {
        JsonNode node;
        try {
            node = MAPPER.readTree(in);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
        if (node == null || !node.has("partition") || !node.has("error")) {
            return null;
        }
        return new CommitIntent(
                node.get("partition").asText(),
                node.get("dir").asText(),
                node.get("name").asText(),
                node.get("first").asLong(),
                node.get("last").asLong(),
                node.get("error").asBoolean());
    }
}
