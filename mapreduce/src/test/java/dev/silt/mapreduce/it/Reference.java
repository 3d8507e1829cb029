package dev.silt.mapreduce.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * A straightforward, single-threaded reading of landed input, written independently of the job code (Jackson's
 * tree model, java.util.zip, plain loops), to check job outputs against.
 */
final class Reference {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A valid event as the reference sees it. */
    record Event(
            long ts, String user, String url, int status, long bytes, long latencyMs, String country, String line) {
        boolean fitsSchema() {
            return country.matches("[A-Z]{2}") && status >= 100 && status <= 599 && latencyMs <= Integer.MAX_VALUE;
        }
    }

    final List<Event> events = new ArrayList<>();
    long lines;
    long malformed;
    /** Valid events that the etl schema rejects (country not ISO alpha-2, status outside 100..599). */
    long schemaMisfits;

    int compressedFiles;

    static Reference read(FileSystem fs, Path... roots) throws IOException {
        Reference r = new Reference();
        for (Path root : roots) {
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
            while (it.hasNext()) {
                Path p = it.next().getPath();
                if (p.getName().startsWith("_") || p.getName().startsWith(".")) {
                    continue;
                }
                r.readFile(fs, p);
            }
        }
        return r;
    }

    private void readFile(FileSystem fs, Path p) throws IOException {
        InputStream in = fs.open(p);
        if (p.getName().endsWith(".gz")) {
            in = new GZIPInputStream(in);
            compressedFiles++;
        } else if (p.getName().endsWith(".zst")) {
            in = new ZstdInputStream(in);
            compressedFiles++;
        }
        try (BufferedReader br = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = br.readLine()) != null) {
                lines++;
                Event e = parse(line);
                if (e == null) {
                    malformed++;
                } else {
                    events.add(e);
                    if (!e.fitsSchema()) {
                        schemaMisfits++;
                    }
                }
            }
        }
    }

    private static Event parse(String line) {
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (IOException e) {
            return null;
        }
        if (n == null || !n.isObject()) {
            return null;
        }
        for (String f : new String[] {"ts", "user", "url", "country"}) {
            if (!n.path(f).isTextual()) {
                return null;
            }
        }
        for (String f : new String[] {"status", "bytes", "latency_ms"}) {
            if (!n.path(f).isIntegralNumber() || n.path(f).asLong() < 0) {
                return null;
            }
        }
        long ts;
        try {
            ts = Instant.parse(n.get("ts").asText()).toEpochMilli();
        } catch (RuntimeException e) {
            return null;
        }
        return new Event(
                ts,
                n.get("user").asText(),
                n.get("url").asText(),
                n.get("status").asInt(),
                n.get("bytes").asLong(),
                n.get("latency_ms").asLong(),
                n.get("country").asText(),
                line);
    }
}
