package dev.silt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenCommandTest {
    @TempDir
    Path tmp;

    @Test
    void clickstreamEndToEnd() throws IOException {
        Path out = tmp.resolve("raw");
        CliRun r = CliRun.run(
                "gen",
                "clickstream",
                "--events",
                "5000",
                "--out",
                out.toString(),
                "--hours",
                "3",
                "--start",
                "2026-03-01T10",
                "--files-per-hour",
                "2",
                "--malformed",
                "0",
                "--seed",
                "9");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().startsWith("wrote 5,000 events (0 malformed) in 6 files over 3 hours"), r::toString);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(out)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(".json.gz"))
                    .sorted()
                    .toList();
        }
        assertEquals(6, files.size());
        assertEquals(out.resolve("2026/03/01/10/events-00000.json.gz"), files.get(0));
        assertEquals(out.resolve("2026/03/01/12/events-00001.json.gz"), files.get(5));
        JsonFactory json = new JsonFactory();
        int lines = 0;
        for (Path f : files) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    try (JsonParser p = json.createParser(line)) {
                        assertEquals(JsonToken.START_OBJECT, p.nextToken());
                        p.skipChildren();
                        assertEquals(null, p.nextToken(), line);
                    }
                    lines++;
                }
            }
        }
        assertEquals(5000, lines);
    }

    @Test
    void countriesIntoAnExistingDirectoryOrAFile() throws IOException {
        CliRun r = CliRun.run("gen", "countries", "--out", tmp.toString());
        assertEquals(0, r.code(), r::toString);
        List<String> lines = Files.readAllLines(tmp.resolve("countries.csv"), StandardCharsets.UTF_8);
        assertEquals("code,name,region,population_millions", lines.get(0));
        assertTrue(lines.size() > 30);

        Path file = tmp.resolve("dim/c.csv");
        assertEquals(0, CliRun.run("gen", "countries", "--out", file.toString()).code());
        assertEquals(lines, Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    @Test
    void startAcceptsTheJobsHourFormatAndInstants() {
        assertEquals(
                "2026-03-01T10:00:00Z", GenCommand.parseHour("2026-03-01T10").toString());
        assertEquals(
                "2026-03-01T10:00:00Z",
                GenCommand.parseHour("2026-03-01T10:00:00Z").toString());
    }
}
