package dev.silt.ingest.delivery;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.orc.OrcFile;
import org.apache.orc.Reader;
import org.apache.orc.RecordReader;
import org.xerial.snappy.SnappyFramedInputStream;

/** Reads what a delivery landed, as a reader of the layout would: hidden paths ('_', '.') are skipped. */
final class LandedFiles {
    private LandedFiles() {}

    /** Every visible file under {@code dir}, relative names sorted. */
    static List<Path> list(FileSystem fs, Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!fs.exists(dir)) {
            return out;
        }
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
        String base = fs.makeQualified(dir).toString();
        while (it.hasNext()) {
            Path p = it.next().getPath();
            String rel = p.toString().substring(base.length());
            boolean hidden = false;
            for (String part : rel.split("/")) {
                hidden |= part.startsWith("_") || part.startsWith(".");
            }
            if (!hidden) {
                out.add(p);
            }
        }
        out.sort(null);
        return out;
    }

    /** Every file under {@code dir}, hidden ones included. */
    static List<Path> listAll(FileSystem fs, Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!fs.exists(dir)) {
            return out;
        }
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
        while (it.hasNext()) {
            out.add(it.next().getPath());
        }
        return out;
    }

    /** The lines of a JSON lines file, decompressed by its extension. */
    static List<String> lines(FileSystem fs, Path file) throws IOException {
        String name = file.getName();
        List<String> out = new ArrayList<>();
        try (InputStream raw = fs.open(file)) {
            InputStream in = name.endsWith(".gz")
                    ? new GZIPInputStream(raw)
                    : name.endsWith(".zst")
                            ? new ZstdInputStream(raw)
                            : name.endsWith(".snappy") ? new SnappyFramedInputStream(raw) : raw;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    out.add(line);
                }
            }
        }
        return out;
    }

    /** Rows of an ORC file, each as the string form of its columns joined by '|'. */
    static List<String> orcRows(FileSystem fs, Path file, Configuration conf) throws IOException {
        List<String> out = new ArrayList<>();
        try (Reader reader =
                        OrcFile.createReader(file, OrcFile.readerOptions(conf).filesystem(fs));
                RecordReader rows = reader.rows()) {
            VectorizedRowBatch batch = reader.getSchema().createRowBatch();
            while (rows.nextBatch(batch)) {
                for (int r = 0; r < batch.size; r++) {
                    StringBuilder sb = new StringBuilder();
                    for (int c = 0; c < batch.numCols; c++) {
                        if (c > 0) {
                            sb.append('|');
                        }
                        batch.cols[c].stringifyValue(sb, r);
                    }
                    out.add(sb.toString());
                }
            }
        }
        return out;
    }

    static long size(FileSystem fs, Path file) throws IOException {
        FileStatus st = fs.getFileStatus(file);
        return st.getLen();
    }
}
