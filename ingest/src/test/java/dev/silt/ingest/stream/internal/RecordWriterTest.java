package dev.silt.ingest.stream.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RecordWriterTest {
    @Test
    void utf8LengthMatchesTheJdkEncoder() {
        String[] keys = {
            "a",
            "key-42",
            "é",
            "ß€",
            "日本語",
            "\uD83D\uDE00",
            "x\uD83D\uDE00y",
            "\uD83D",
            "\uDE00",
            "\uDE00\uD83D",
            "a\uD83Db",
            "\u007F\u0080\u07FF\u0800\uFFFF"
        };
        for (String key : keys) {
            assertEquals(key.getBytes(StandardCharsets.UTF_8).length, RecordWriter.utf8Length(key), key);
        }
    }
}
