package dev.silt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliKeysTest {
    @TempDir
    Path tmp;

    @Test
    void defaultsArePinned() {
        Map<String, String> defaults = new TreeMap<>();
        for (CliKeys k : CliKeys.values()) {
            defaults.put(k.key(), k.defaultValue());
        }
        assertEquals(
                Map.of(
                        "silt.data.dir", "./silt-data",
                        "silt.quickstart.events", "200000",
                        "silt.quickstart.hours", "6",
                        "silt.quickstart.seed", "42",
                        "silt.quickstart.compression", "gzip",
                        "silt.quickstart.preview.lines", "5",
                        "silt.stream.endpoint", "http://127.0.0.1:4567"),
                defaults);
        Configuration empty = new Configuration(false);
        assertEquals("./silt-data", CliKeys.DATA_DIR.get(empty));
    }

    @Test
    void siteFileThenDefinesWin() throws IOException, UsageException {
        Path confDir = Files.createDirectories(tmp.resolve("conf"));
        Files.writeString(
                confDir.resolve("silt-site.xml"),
                "<configuration>"
                        + "<property><name>silt.data.dir</name><value>/from/site</value></property>"
                        + "<property><name>silt.quickstart.hours</name><value>3</value></property>"
                        + "</configuration>",
                StandardCharsets.UTF_8);
        Map<String, String> env = Map.of(CliKeys.CONF_DIR_ENV, confDir.toString());
        Configuration conf = SiltConfiguration.load(env, tmp.toFile(), List.of("silt.data.dir=/from/flag"));
        assertEquals("/from/flag", CliKeys.DATA_DIR.get(conf));
        assertEquals(3, CliKeys.QUICKSTART_HOURS.getInt(conf));

        // Without the variable, ./conf under the working directory is used.
        Configuration local = SiltConfiguration.load(Map.of(), tmp.toFile(), List.of());
        assertEquals("/from/site", CliKeys.DATA_DIR.get(local));
        Configuration none = SiltConfiguration.load(Map.of(), new File(tmp.toFile(), "elsewhere"), List.of());
        assertEquals("./silt-data", CliKeys.DATA_DIR.get(none));
    }

    @Test
    void missingConfDirIsAUsageError() {
        UsageException e = assertThrows(
                UsageException.class,
                () -> SiltConfiguration.load(Map.of(CliKeys.CONF_DIR_ENV, "/no/such/dir"), tmp.toFile(), List.of()));
        assertEquals("SILT_CONF_DIR=/no/such/dir is not a directory", e.getMessage());
    }
}
