package dev.silt.mapreduce.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.ZstdOutputStream;
import dev.silt.mapreduce.MapReduceKeys;
import dev.silt.mapreduce.event.Reason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.IntFunction;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.mapred.JobConf;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.StatusReporter;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.TaskType;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Splits of real files on the local file system, read back through the real reader and codecs. */
class LandedRecordReaderTest {
    @TempDir
    java.nio.file.Path dir;

    /** A JobConf, so that task contexts use it as it is instead of copying it for every split. */
    private JobConf conf;

    private FileSystem fs;
    private Counters counters;
    private int lastSplitCount;

    /** One record as the reader produced it; the bytes as ISO-8859-1 so that comparisons are byte for byte. */
    record Rec(long offset, String bytes, Reason fault) {
        static Rec line(long offset, byte[] b, int from, int to) {
            return new Rec(offset, new String(b, from, to - from, StandardCharsets.ISO_8859_1), null);
        }

        @Override
        public String toString() {
            String shown = bytes.length() > 60 ? bytes.substring(0, 60) + "…(" + bytes.length() + ")" : bytes;
            return offset + ":" + (fault == null ? "" : fault + ":") + shown;
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        conf = new JobConf();
        conf.set("fs.defaultFS", "file:///");
        fs = FileSystem.getLocal(conf);
        counters = new Counters();
    }

    private Path write(String name, byte[] content) throws IOException {
        Path p = new Path(dir.toUri().toString(), name);
        try (FSDataOutputStream out = fs.create(p, true)) {
            out.write(content);
        }
        return p;
    }

    private List<InputSplit> splits(Path file, long size) throws IOException {
        Configuration c = new Configuration(conf);
        c.setLong(MapReduceKeys.SPLIT_MAX_BYTES.key(), size);
        Job job = Job.getInstance(c);
        LandedInputFormat.configureSplits(job);
        FileInputFormat.setInputPaths(job, file);
        return new LandedInputFormat().getSplits(job);
    }

    private List<Rec> read(InputSplit split) throws IOException, InterruptedException {
        TaskAttemptContext context = new TaskAttemptContextImpl(
                conf, new TaskAttemptID("reader", 1, TaskType.MAP, 0, 0), new CountersReporter(counters));
        List<Rec> out = new ArrayList<>();
        try (RecordReader<LongWritable, LandedRecord> reader =
                new LandedInputFormat().createRecordReader(split, context)) {
            reader.initialize(split, context);
            while (reader.nextKeyValue()) {
                LandedRecord r = reader.getCurrentValue();
                byte[] b = r.line().getBytes();
                out.add(new Rec(
                        reader.getCurrentKey().get(),
                        new String(b, 0, r.line().getLength(), StandardCharsets.ISO_8859_1),
                        r.fault()));
                if (r.fault() == null) {
                    assertEquals("", r.faultDetail());
                } else {
                    assertFalse(r.faultDetail().isEmpty());
                }
            }
            assertFalse(reader.nextKeyValue(), "a finished reader stays finished");
            assertEquals(file(split).toString(), LandedInputFormat.currentFile(context.getConfiguration()));
        }
        return out;
    }

    private static Path file(InputSplit split) {
        return ((FileSplit) split).getPath();
    }

    /** Reads every split of {@code file} at {@code size}, checking that the splits tile the file. */
    private List<Rec> readAll(Path file, long size) throws Exception {
        List<InputSplit> splits = splits(file, size);
        lastSplitCount = splits.size();
        long fileLength = fs.getFileStatus(file).getLen();
        long next = 0;
        List<Rec> all = new ArrayList<>();
        for (InputSplit s : splits) {
            FileSplit fsplit = (FileSplit) s;
            assertEquals(next, fsplit.getStart(), "splits must tile the file");
            next = fsplit.getStart() + fsplit.getLength();
            List<Rec> records = read(s);
            long end = fsplit.getStart() + fsplit.getLength();
            for (Rec r : records) {
                // Hadoop's rule: a split reads lines that start in (start, end], the first split also the one at 0.
                assertTrue(
                        r.offset >= fsplit.getStart() && r.offset <= end,
                        () -> r + " read by split " + fsplit + " at size " + size);
            }
            all.addAll(records);
        }
        assertEquals(fileLength, next, "splits must cover the file");
        return all;
    }

    /** The lines of {@code content} with their offsets: '\n' ends a line, and a '\r' before it is not content. */
    static List<Rec> expectedLines(byte[] content) {
        List<Rec> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < content.length; i++) {
            if (content[i] == '\n') {
                int end = i > start && content[i - 1] == '\r' ? i - 1 : i;
                lines.add(Rec.line(start, content, start, end));
                start = i + 1;
            }
        }
        if (start < content.length) {
            lines.add(Rec.line(start, content, start, content.length));
        }
        return lines;
    }

    /** Random lines (ASCII and multi-byte, some empty) joined by {@code terminator}. */
    private static byte[] randomLines(Random random, int lines, int maxLength, String terminator, boolean last) {
        StringBuilder sb = new StringBuilder();
        String alphabet = "abcdefghijklmnopqrstuvwxyz{}\":,0123456789 \u00e9\u6f22\ud83d\ude00";
        for (int i = 0; i < lines; i++) {
            int n = random.nextInt(10) == 0 ? 0 : random.nextInt(maxLength);
            sb.append('L').append(i).append(' ');
            for (int k = 0; k < n; k++) {
                int at = random.nextInt(alphabet.length() - 1);
                if (Character.isHighSurrogate(alphabet.charAt(at))) {
                    sb.append(alphabet, at, at + 2);
                } else if (!Character.isLowSurrogate(alphabet.charAt(at))) {
                    sb.append(alphabet.charAt(at));
                }
            }
            if (i < lines - 1 || last) {
                sb.append(terminator);
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Split sizes 1..8 (size 1 alone puts a boundary on every byte) and primes up to 61 (boundaries that drift
     * across lines), plus sizes that put the first boundary on, just before and just after a line start.
     */
    private static TreeSet<Long> sizes(List<Rec> lines) {
        TreeSet<Long> sizes = new TreeSet<>();
        for (long s = 1; s <= 8; s++) {
            sizes.add(s);
        }
        for (long p : new long[] {11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61}) {
            sizes.add(p);
        }
        for (Rec r : lines.subList(0, Math.min(8, lines.size()))) {
            for (long d = -1; d <= 1; d++) {
                if (r.offset + d > 0) {
                    sizes.add(r.offset + d);
                }
            }
        }
        sizes.add(1L << 30);
        return sizes;
    }

    private void assertEverySplitSizeReadsEachLineOnce(Path file, byte[] content) throws Exception {
        List<Rec> expected = expectedLines(content);
        for (long size : sizes(expected)) {
            counters = new Counters();
            assertEquals(expected, readAll(file, size), "split size " + size);
            assertEquals(lastSplitCount, value(InputCounters.PLAIN_SPLITS), "split size " + size);
            assertEquals(0, value(InputCounters.COMPRESSED_FILES));
        }
    }

    private long value(Enum<?> counter) {
        return counters.findCounter(counter).getValue();
    }

    @Test
    void everySplitSizeReadsEachLineExactlyOnce() throws Exception {
        byte[] content = randomLines(new Random(1L), 50, 30, "\n", true);
        assertEverySplitSizeReadsEachLineOnce(write("lines.json", content), content);
    }

    @Test
    void boundariesExactlyAtLineEnds() throws Exception {
        // Every line is 16 bytes with its terminator, so sizes of 16k put every boundary on a line start.
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            sb.append(String.format(java.util.Locale.ROOT, "line-%010d%n", i).replace(System.lineSeparator(), "\n"));
        }
        byte[] content = sb.toString().getBytes(StandardCharsets.UTF_8);
        assertEquals(64 * 16, content.length);
        Path file = write("aligned.json", content);
        List<Rec> expected = expectedLines(content);
        for (long size : new long[] {16, 32, 48, 160, 15, 17, 31, 33}) {
            assertEquals(expected, readAll(file, size), "split size " + size);
        }
    }

    @Test
    void crlfLines() throws Exception {
        byte[] content = randomLines(new Random(2L), 40, 24, "\r\n", true);
        List<Rec> expected = expectedLines(content);
        for (Rec r : expected) {
            assertFalse(r.bytes.contains("\r"), r::toString);
        }
        assertEverySplitSizeReadsEachLineOnce(write("crlf.json", content), content);
    }

    @Test
    void fileWithoutTrailingNewline() throws Exception {
        byte[] content = randomLines(new Random(3L), 30, 24, "\n", false);
        assertTrue(content[content.length - 1] != '\n');
        assertEverySplitSizeReadsEachLineOnce(write("no-newline.json", content), content);
    }

    @Test
    void emptyLinesAreRecords() throws Exception {
        byte[] content = "\n\na\n\n\r\nb\n\n".getBytes(StandardCharsets.UTF_8);
        List<Rec> expected = expectedLines(content);
        assertEquals(7, expected.size());
        assertEverySplitSizeReadsEachLineOnce(write("empty-lines.json", content), content);
    }

    @Test
    void emptyFileHasNoRecords() throws Exception {
        Path file = write("empty.json", new byte[0]);
        for (long size : new long[] {1, 100}) {
            assertEquals(List.of(), readAll(file, size));
        }
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }

    private static byte[] zstd(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZstdOutputStream out = new ZstdOutputStream(bytes, 3)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }

    private void assertCompressedFileIsOneSplit(String name, byte[] content, byte[] compressed) throws Exception {
        Path file = write(name, compressed);
        List<Rec> expected = expectedLines(content);
        for (long size : new long[] {1, 100, compressed.length / 3 + 1, 1L << 30}) {
            counters = new Counters();
            List<InputSplit> splits = splits(file, size);
            assertEquals(1, splits.size(), name + " at split size " + size);
            assertEquals(0, ((FileSplit) splits.get(0)).getStart());
            assertEquals(compressed.length, ((FileSplit) splits.get(0)).getLength());
            assertEquals(expected, read(splits.get(0)), name);
            assertEquals(1, value(InputCounters.COMPRESSED_FILES));
            assertEquals(0, value(InputCounters.PLAIN_SPLITS));
        }
    }

    @Test
    void gzipFileIsReadWhole() throws Exception {
        byte[] content = randomLines(new Random(4L), 3000, 80, "\n", true);
        assertCompressedFileIsOneSplit("events.json.gz", content, gzip(content));
    }

    @Test
    void zstdFileIsReadWhole() throws Exception {
        byte[] content = randomLines(new Random(5L), 3000, 80, "\n", true);
        assertCompressedFileIsOneSplit("events.json.zst", content, zstd(content));
    }

    @Test
    void concatenatedCompressedStreamsAreOneFile() throws Exception {
        byte[] a = randomLines(new Random(6L), 500, 60, "\n", true);
        byte[] b = randomLines(new Random(7L), 500, 60, "\n", false);
        byte[] content = concat(a, b);
        assertCompressedFileIsOneSplit("cat.json.gz", content, concat(gzip(a), gzip(b)));
        assertCompressedFileIsOneSplit("cat.json.zst", content, concat(zstd(a), zstd(b)));
    }

    @Test
    void emptyCompressedStreamsHaveNoRecords() throws Exception {
        assertCompressedFileIsOneSplit("empty.json.gz", new byte[0], gzip(new byte[0]));
        assertCompressedFileIsOneSplit("empty.json.zst", new byte[0], zstd(new byte[0]));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** What a decoder independent of Hadoop gets out of a damaged stream before it gives up. */
    private static byte[] decodablePrefix(byte[] damaged, IntFunction<InputStream> decoder) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1];
        try (InputStream in = decoder.apply(0)) {
            int n;
            while ((n = in.read(buf, 0, 1)) >= 0) {
                out.write(buf, 0, n);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // Expected: the stream is damaged.
        }
        return out.toByteArray();
    }

    /**
     * Reads a damaged compressed file: it must give exactly the complete lines of {@code decodable}, then one
     * {@code TRUNCATED_INPUT} fault at the offset of the first incomplete line, carrying a prefix of that line.
     */
    private void assertTruncated(String name, byte[] content, byte[] damaged, byte[] decodable) throws Exception {
        counters = new Counters();
        Path file = write(name, damaged);
        List<InputSplit> splits = splits(file, 1L << 30);
        assertEquals(1, splits.size());
        List<Rec> records = read(splits.get(0));

        List<Rec> all = expectedLines(content);
        List<Rec> complete = new ArrayList<>();
        long faultOffset = 0;
        for (Rec r : all) {
            long lineEnd = r.offset + r.bytes.length() + 1;
            if (lineEnd > decodable.length) {
                break;
            }
            complete.add(r);
            faultOffset = lineEnd;
        }
        assertEquals(complete.size() + 1, records.size(), () -> name + ": " + tail(records));
        assertEquals(complete, records.subList(0, complete.size()), name);
        Rec fault = records.get(records.size() - 1);
        assertEquals(Reason.TRUNCATED_INPUT, fault.fault, name);
        assertEquals(faultOffset, fault.offset, name);
        if (complete.size() < all.size()) {
            String cutLine = all.get(complete.size()).bytes;
            assertTrue(
                    cutLine.startsWith(fault.bytes), () -> "fault carries " + fault + ", not a prefix of " + cutLine);
        }
        assertEquals(1, value(InputCounters.COMPRESSED_FILES));
    }

    private static List<Rec> tail(List<Rec> records) {
        return records.subList(Math.max(0, records.size() - 3), records.size());
    }

    @Test
    void truncatedGzipGivesTheCompleteLinesThenOneFault() throws Exception {
        byte[] content = randomLines(new Random(8L), 4000, 80, "\n", true);
        byte[] gz = gzip(content);
        int[] cuts = {
            5, 11, 20, gz.length / 10, gz.length / 2, gz.length * 9 / 10, gz.length - 9, gz.length - 4, gz.length - 1
        };
        for (int cut : cuts) {
            byte[] damaged = Arrays.copyOf(gz, cut);
            byte[] decodable = decodablePrefix(damaged, x -> {
                try {
                    return new GZIPInputStream(new ByteArrayInputStream(damaged));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertTruncated("cut-" + cut + ".json.gz", content, damaged, decodable);
        }
        // Cut in the trailer: every line was decoded, the damage is still reported.
        byte[] damaged = Arrays.copyOf(gz, gz.length - 4);
        counters = new Counters();
        List<Rec> records =
                read(splits(write("trailer.json.gz", damaged), 1L << 30).get(0));
        assertEquals(expectedLines(content), records.subList(0, records.size() - 1));
        assertEquals(Reason.TRUNCATED_INPUT, records.get(records.size() - 1).fault);
    }

    @Test
    void truncatedZstdGivesTheCompleteLinesThenOneFault() throws Exception {
        byte[] content = randomLines(new Random(9L), 12_000, 80, "\n", true);
        byte[] zst = zstd(content);
        for (int cut : new int[] {2, 10, zst.length / 3, zst.length / 2, zst.length - 1}) {
            byte[] damaged = Arrays.copyOf(zst, cut);
            byte[] decodable = decodablePrefix(damaged, x -> {
                try {
                    return new com.github.luben.zstd.ZstdInputStream(new ByteArrayInputStream(damaged));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertTruncated("cut-" + cut + ".json.zst", content, damaged, decodable);
        }
    }

    @Test
    void corruptZstdGivesTheLinesBeforeTheDamageThenOneFault() throws Exception {
        byte[] good = randomLines(new Random(10L), 2000, 80, "\n", true);
        byte[] rest = randomLines(new Random(11L), 2000, 80, "\n", true);
        byte[] garbage = new byte[4096];
        new Random(12L).nextBytes(garbage);
        garbage[0] = 0x11; // not a zstd frame magic
        // A whole frame, then bytes that are not zstd at all, then a frame that can no longer be reached.
        byte[] damaged = concat(concat(zstd(good), garbage), zstd(rest));
        assertTruncated("corrupt.json.zst", concat(good, rest), damaged, good);
    }

    @Test
    void corruptGzipMemberAfterAGoodOne() throws Exception {
        byte[] good = randomLines(new Random(13L), 2000, 80, "\n", true);
        byte[] rest = randomLines(new Random(14L), 2000, 80, "\n", true);
        byte[] second = gzip(rest);
        // Keep the second member's header, destroy its deflate data: nothing of it can be decoded.
        Arrays.fill(second, 10, second.length, (byte) 0xFF);
        assertTruncated("corrupt.json.gz", concat(good, rest), concat(gzip(good), second), good);
    }

    private static byte[] repeat(char c, int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) c);
        return b;
    }

    /** Normal lines around one line of {@code hugeLength} bytes; returns the content. */
    private static byte[] withHugeLine(int hugeLength) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] before = randomLines(new Random(15L), 200, 60, "\n", true);
        byte[] after = randomLines(new Random(16L), 200, 60, "\n", true);
        out.writeBytes(before);
        out.writeBytes(repeat('x', hugeLength));
        out.write('\n');
        out.writeBytes(after);
        return out.toByteArray();
    }

    /** The expected records when lines longer than {@code max} become faults carrying their first max+1 bytes. */
    private static List<Rec> expectedWithFaults(byte[] content, int max) {
        List<Rec> expected = new ArrayList<>();
        for (Rec r : expectedLines(content)) {
            expected.add(
                    r.bytes.length() > max
                            ? new Rec(r.offset, r.bytes.substring(0, max + 1), Reason.RECORD_TOO_LONG)
                            : r);
        }
        return expected;
    }

    @Test
    void hugeLineIsOneFaultAndTheOthersAreIntact() throws Exception {
        int max = 1 << 20;
        conf.setLong(MapReduceKeys.RECORD_MAX_BYTES.key(), max);
        byte[] content = withHugeLine(3 << 20);
        Path file = write("huge.json", content);
        List<Rec> expected = expectedWithFaults(content, max);
        assertEquals(1, expected.stream().filter(r -> r.fault != null).count());
        assertEquals(401, expected.size());

        List<Rec> records = readAll(file, 1L << 30);
        assertEquals(expected, records);
        Rec fault = records.stream().filter(r -> r.fault != null).findFirst().orElseThrow();
        assertEquals(max + 1, fault.bytes.length());

        for (long size : new long[] {1 << 20, 700_000}) {
            assertEquals(expected, readAll(file, size), "split size " + size);
        }
    }

    @Test
    void hugeLineAcrossSplitsIsReportedOnce() throws Exception {
        int max = 16 << 10;
        conf.setLong(MapReduceKeys.RECORD_MAX_BYTES.key(), max);
        int huge = 100 << 10;
        byte[] content = withHugeLine(huge);
        Path file = write("huge-split.json", content);
        List<Rec> expected = expectedWithFaults(content, max);
        long hugeStart =
                expected.stream().filter(r -> r.fault != null).findFirst().orElseThrow().offset;
        long hugeEnd = hugeStart + huge + 1;
        // The huge line spans several splits, starts or ends on a boundary, or starts just before one.
        for (long size : new long[] {
            8 << 10, max, max + 1, 30_000, hugeStart, hugeStart + 1, hugeStart - 1, hugeEnd, hugeEnd - 1, hugeEnd + 1
        }) {
            List<Rec> records = readAll(file, size);
            assertEquals(expected, records, "split size " + size);
            if (content.length > 1.1 * size) {
                assertTrue(lastSplitCount > 1, "split size " + size);
            }
        }
    }

    @Test
    void lineLengthLimitIsExact() throws Exception {
        int max = 100;
        conf.setLong(MapReduceKeys.RECORD_MAX_BYTES.key(), max);
        String exact = new String(repeat('a', max), StandardCharsets.ISO_8859_1);
        String over = exact + "b";
        byte[] content = ("short\n" + exact + "\n" + over + "\n" + exact + "\r\n" + over + "\r\nend")
                .getBytes(StandardCharsets.ISO_8859_1);
        Path file = write("limit.json", content);
        List<Rec> expected = expectedWithFaults(content, max);
        assertEquals(
                Arrays.asList(null, null, Reason.RECORD_TOO_LONG, null, Reason.RECORD_TOO_LONG, null),
                expected.stream().map(Rec::fault).collect(java.util.stream.Collectors.toList()));
        for (long size = 1; size <= content.length + 1; size += 7) {
            assertEquals(expected, readAll(file, size), "split size " + size);
        }
    }

    @Test
    void hugeLineInACompressedFile() throws Exception {
        int max = 1 << 20;
        conf.setLong(MapReduceKeys.RECORD_MAX_BYTES.key(), max);
        byte[] content = withHugeLine(3 << 20);
        List<Rec> expected = expectedWithFaults(content, max);
        assertEquals(
                expected,
                read(splits(write("huge.json.gz", gzip(content)), 1L << 30).get(0)));
        assertEquals(
                expected,
                read(splits(write("huge.json.zst", zstd(content)), 1L << 30).get(0)));
    }

    @Test
    void recordReaderRejectsAnUnusableLimit() throws Exception {
        Path file = write("x.json", "a\n".getBytes(StandardCharsets.UTF_8));
        for (long bad : new long[] {0, -1, Integer.MAX_VALUE}) {
            conf.setLong(MapReduceKeys.RECORD_MAX_BYTES.key(), bad);
            InputSplit split = splits(file, 10).get(0);
            IllegalArgumentException e =
                    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> read(split));
            assertTrue(e.getMessage().contains(MapReduceKeys.RECORD_MAX_BYTES.key()), e.getMessage());
        }
    }

    @Test
    void splitSizeMustBePositive() throws IOException {
        Configuration c = new Configuration(conf);
        c.setLong(MapReduceKeys.SPLIT_MAX_BYTES.key(), 0);
        Job job = Job.getInstance(c);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> LandedInputFormat.configureSplits(job));
        assertTrue(e.getMessage().contains(MapReduceKeys.SPLIT_MAX_BYTES.key()));
    }

    @Test
    void splitSizeIgnoresTheBlockSize() throws Exception {
        // Splits follow the configured size, not the block size the file system reports.
        conf.setLong("fs.local.block.size", 1024);
        byte[] content = randomLines(new Random(17L), 400, 60, "\n", true);
        Path file = write("blocks.json", content);
        assertEquals(1, splits(file, content.length).size());
        assertEquals(expectedLines(content), readAll(file, content.length));
        assertNull(Compression.forPath(file, conf));
    }

    /** Counters for a task context outside a running job, backed by a real {@link Counters}. */
    private static final class CountersReporter extends StatusReporter {
        private final Counters counters;

        CountersReporter(Counters counters) {
            this.counters = counters;
        }

        @Override
        public Counter getCounter(Enum<?> name) {
            return counters.findCounter(name);
        }

        @Override
        public Counter getCounter(String group, String name) {
            return counters.findCounter(group, name);
        }

        @Override
        public void progress() {}

        @Override
        public float getProgress() {
            return 0;
        }

        @Override
        public void setStatus(String status) {}
    }
}
