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
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
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

    /**
     * Rows of a Parquet file read with Parquet's own reader, each as its top-level values joined by '|' (a struct
     * as Parquet's text form on one line, a null as {@code null}).
     */
    static List<String> parquetRows(Path file, Configuration conf) throws IOException {
        List<String> out = new ArrayList<>();
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), file)
                .withConf(conf)
                .build()) {
            for (Group g = reader.read(); g != null; g = reader.read()) {
                StringBuilder sb = new StringBuilder();
                int fields = g.getType().getFieldCount();
                for (int c = 0; c < fields; c++) {
                    if (c > 0) {
                        sb.append('|');
                    }
                    if (g.getFieldRepetitionCount(c) == 0) {
                        sb.append("null");
                    } else if (g.getType().getType(c).isPrimitive()) {
                        sb.append(g.getValueToString(c, 0));
                    } else {
                        sb.append(g.getGroup(c, 0).toString().strip().replace('\n', ' '));
                    }
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    /** The schema and each column chunk's codec of a Parquet file, as text. */
    static String parquetFooter(Path file, Configuration conf) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
            StringBuilder sb =
                    new StringBuilder(reader.getFileMetaData().getSchema().toString());
            for (BlockMetaData block : reader.getFooter().getBlocks()) {
                for (ColumnChunkMetaData column : block.getColumns()) {
                    sb.append(column.getPath())
                            .append(' ')
                            .append(column.getCodec())
                            .append('\n');
                }
            }
            return sb.toString();
        }
    }

    static long size(FileSystem fs, Path file) throws IOException {
        FileStatus st = fs.getFileStatus(file);
        return st.getLen();
    }
}
