package dev.silt.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.orc.OrcFile;
import org.apache.orc.Reader;

/**
 * Reads a finished job's output directory back, as the job contract lays it out: text part files
 * ({@code part-*}), ORC files in partition folders (etl), and quarantined lines under {@code _quarantine/}.
 */
final class JobOutput {
    static final String QUARANTINE = "_quarantine";

    private final Configuration conf;
    private final FileSystem fs;
    private final Path dir;

    JobOutput(Configuration conf, Path dir) throws IOException {
        this.conf = conf;
        this.fs = dir.getFileSystem(conf);
        this.dir = dir;
    }

    /** Text part files directly in the output directory, by name. */
    List<Path> partFiles() throws IOException {
        List<Path> parts = new ArrayList<>();
        if (!fs.exists(dir)) {
            return parts;
        }
        for (FileStatus s : fs.listStatus(dir)) {
            if (s.isFile() && s.getPath().getName().startsWith("part-")) {
                parts.add(s.getPath());
            }
        }
        parts.sort(Comparator.comparing(Path::getName));
        return parts;
    }

    /** Lines in all part files. */
    long records() throws IOException {
        long n = 0;
        for (Path p : partFiles()) {
            n += countLines(p);
        }
        return n;
    }

    /** Streams every line of the part files, in file order. */
    void forEachLine(Consumer<String> action) throws IOException {
        for (Path p : partFiles()) {
            try (BufferedReader r = open(p)) {
                String line;
                while ((line = r.readLine()) != null) {
                    action.accept(line);
                }
            }
        }
    }

    /** Lines in the quarantine output, or 0 if there is none. */
    long quarantined() throws IOException {
        Path q = new Path(dir, QUARANTINE);
        long n = 0;
        for (Path p : dataFiles(q)) {
            n += countLines(p);
        }
        return n;
    }

    /** The first {@code max} lines of the part files, in file order. */
    List<String> head(int max) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path p : partFiles()) {
            try (BufferedReader r = open(p)) {
                String line;
                while (lines.size() < max && (line = r.readLine()) != null) {
                    lines.add(line);
                }
            }
            if (lines.size() >= max) {
                break;
            }
        }
        return lines;
    }

    /** ORC files (by their magic bytes) anywhere under the output outside the quarantine, by path. */
    List<Path> orcFiles() throws IOException {
        List<Path> orc = new ArrayList<>();
        for (Path p : dataFiles(dir)) {
            if (!p.toUri().getPath().contains("/" + QUARANTINE + "/") && isOrc(p)) {
                orc.add(p);
            }
        }
        return orc;
    }

    /** Rows in an ORC file, from its footer. */
    long orcRows(Path file) throws IOException {
        try (Reader reader =
                OrcFile.createReader(file, OrcFile.readerOptions(conf).filesystem(fs))) {
            return reader.getNumberOfRows();
        }
    }

    String orcSchema(Path file) throws IOException {
        try (Reader reader =
                OrcFile.createReader(file, OrcFile.readerOptions(conf).filesystem(fs))) {
            return reader.getSchema().toString();
        }
    }

    private boolean isOrc(Path p) throws IOException {
        try (InputStream in = fs.open(p)) {
            byte[] magic = in.readNBytes(3);
            return magic.length == 3 && magic[0] == 'O' && magic[1] == 'R' && magic[2] == 'C';
        }
    }

    /** Regular files under {@code root}, skipping hidden ones and markers such as {@code _SUCCESS}. */
    private List<Path> dataFiles(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        if (!fs.exists(root)) {
            return files;
        }
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
        while (it.hasNext()) {
            Path p = it.next().getPath();
            String name = p.getName();
            if (!name.startsWith(".") && !name.startsWith("_")) {
                files.add(p);
            }
        }
        files.sort(Comparator.comparing(Path::toString));
        return files;
    }

    private long countLines(Path p) throws IOException {
        long n = 0;
        try (BufferedReader r = open(p)) {
            while (r.readLine() != null) {
                n++;
            }
        }
        return n;
    }

    private BufferedReader open(Path p) throws IOException {
        CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(p);
        InputStream in = codec == null ? fs.open(p) : codec.createInputStream(fs.open(p));
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
}
