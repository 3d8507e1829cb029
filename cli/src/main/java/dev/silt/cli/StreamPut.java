package dev.silt.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.silt.ingest.IngestKeys;
import dev.silt.ingest.client.KinesisHttpClient;
import dev.silt.ingest.client.PutEntry;
import dev.silt.ingest.client.PutResult;
import dev.silt.ingest.consumer.Backoff;
import dev.silt.ingest.consumer.StreamApiException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code silt stream put NAME}: sends standard input, one record per line, in {@code PutRecords} batches of up to
 * 500 records and 5 MiB. Records a batch could not store for rate or a server fault are sent again with backoff.
 * Nothing is dropped quietly: every line is acknowledged, or the command fails saying how many were not.
 */
final class StreamPut implements StreamCommand.Sub {
    static final int MAX_BATCH_RECORDS = 500;
    static final long MAX_BATCH_BYTES = 5L * 1024 * 1024;
    /** Sends of one batch before the command gives up on the records still failing. */
    static final int MAX_ATTEMPTS = 10;

    /** A line waiting to be acknowledged. */
    private record Pending(long line, PutEntry entry) {}

    /** Counts for the summary line and the failure message. */
    private static final class Tally {
        long lines;
        long acknowledged;
        long emptySkipped;
        long calls;
        long retriedRecords;
    }

    @Override
    public String name() {
        return "put";
    }

    @Override
    public String summary() {
        return "send standard input to a stream, one record per line";
    }

    @Override
    public List<String> positionals() {
        return List.of("NAME");
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Option.builder()
                        .longOpt("partition-key")
                        .hasArg()
                        .argName("K")
                        .desc("partition key of every record (keeps them in order, on one shard)")
                        .build())
                .addOption(Option.builder()
                        .longOpt("key-field")
                        .hasArg()
                        .argName("F")
                        .desc("lines are JSON objects: use field F as the partition key")
                        .build());
    }

    @Override
    public String footer() {
        return "Without --partition-key or --key-field each line's number is its key, which spreads lines over the\n"
                + "shards. Empty lines are skipped and counted. Example:\n"
                + "  silt gen clickstream --events 1000 --compress none --out /tmp/c && cat /tmp/c/*/*/*/*/*.json \\\n"
                + "    | silt stream put clicks --key-field user";
    }

    @Override
    public int run(StreamCommand.Context ctx, CommandLine line, List<String> args) throws Exception {
        String stream = args.get(0);
        String fixedKey = line.getOptionValue("partition-key");
        String keyField = line.getOptionValue("key-field");
        if (fixedKey != null && keyField != null) {
            throw ctx.usage("--partition-key and --key-field exclude each other");
        }
        if (fixedKey != null && (fixedKey.isEmpty() || fixedKey.length() > 256)) {
            throw ctx.usage("--partition-key must be 1 to 256 characters");
        }
        long maxRecordBytes = IngestKeys.MAX_RECORD_BYTES.getLong(StreamCommand.ingestConf(ctx.conf()));
        Backoff backoff = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(2), new Random());
        Sender sender = new Sender(ctx.client(), stream, backoff);
        ObjectMapper json = keyField == null ? null : new ObjectMapper();
        long start = System.nanoTime();
        List<Pending> batch = new ArrayList<>();
        long batchBytes = 0;
        InputStream in = new BufferedInputStream(ctx.command().in(), 1 << 16);
        byte[] data;
        while ((data = readLine(in)) != null) {
            long lineNo = ++sender.tally.lines;
            if (data.length == 0) {
                sender.tally.emptySkipped++;
                continue;
            }
            String key;
            try {
                key = fixedKey != null
                        ? fixedKey
                        : keyField != null ? keyOf(json, data, keyField) : Long.toString(lineNo);
            } catch (IOException e) {
                sender.flush(batch);
                throw sender.failure("line " + lineNo + " " + e.getMessage(), lineNo);
            }
            long bytes = (long) data.length + key.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > maxRecordBytes) {
                sender.flush(batch);
                throw sender.failure(
                        "line " + lineNo + " is " + bytes + " bytes with its key, over the record limit of "
                                + maxRecordBytes + " (" + IngestKeys.MAX_RECORD_BYTES.key() + ")",
                        lineNo);
            }
            if (batch.size() == MAX_BATCH_RECORDS || (!batch.isEmpty() && batchBytes + bytes > MAX_BATCH_BYTES)) {
                sender.flush(batch);
                batch.clear();
                batchBytes = 0;
            }
            batch.add(new Pending(lineNo, new PutEntry(key, data)));
            batchBytes += bytes;
        }
        sender.flush(batch);
        double seconds = (System.nanoTime() - start) / 1e9;
        Tally t = sender.tally;
        ctx.out()
                .printf(
                        Locale.ROOT,
                        "put %,d records to '%s' in %,d calls, %.2f s (%,.0f records/s)%s%s%n",
                        t.acknowledged,
                        stream,
                        t.calls,
                        seconds,
                        seconds > 0 ? t.acknowledged / seconds : 0.0,
                        t.retriedRecords == 0 ? "" : String.format(Locale.ROOT, "; %,d sent again", t.retriedRecords),
                        t.emptySkipped == 0
                                ? ""
                                : String.format(Locale.ROOT, "; %,d empty lines skipped", t.emptySkipped));
        return 0;
    }

    private static String keyOf(ObjectMapper json, byte[] data, String field) throws IOException {
        JsonNode node;
        try {
            node = json.readTree(data);
        } catch (JsonProcessingException e) {
            throw new IOException("is not JSON, so it has no field '" + field + "'", e);
        }
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            throw new IOException("has no field '" + field + "' with a value");
        }
        String key = value.asText();
        if (key.isEmpty() || key.length() > 256) {
            throw new IOException("has field '" + field + "' of " + key.length() + " characters; a key has 1 to 256");
        }
        return key;
    }

    /** The next line without its terminator ({@code \n} or {@code \r\n}), or null at the end of the input. */
    static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
        int b;
        boolean any = false;
        while ((b = in.read()) >= 0) {
            any = true;
            if (b == '\n') {
                break;
            }
            buf.write(b);
        }
        if (!any) {
            return null;
        }
        byte[] line = buf.toByteArray();
        if (line.length > 0 && line[line.length - 1] == '\r') {
            byte[] cut = new byte[line.length - 1];
            System.arraycopy(line, 0, cut, 0, cut.length);
            return cut;
        }
        return line;
    }

    /** Sends batches and keeps the counts; one per command run. */
    private static final class Sender {
        private final KinesisHttpClient client;
        private final String stream;
        private final Backoff backoff;
        final Tally tally = new Tally();

        Sender(KinesisHttpClient client, String stream, Backoff backoff) {
            this.client = client;
            this.stream = stream;
            this.backoff = backoff;
        }

        /** Sends the batch until every record is acknowledged; fails with the counts otherwise. */
        void flush(List<Pending> batch) throws IOException {
            List<Pending> pending = new ArrayList<>(batch);
            int attempt = 0;
            while (!pending.isEmpty()) {
                if (attempt > 0) {
                    tally.retriedRecords += pending.size();
                    sleep(backoff.delay(attempt - 1));
                }
                attempt++;
                PutResult result;
                try {
                    tally.calls++;
                    result = client.putRecords(
                            stream, pending.stream().map(Pending::entry).toList());
                } catch (StreamApiException e) {
                    if ((e.isThrottling() || e.isTransient()) && attempt < MAX_ATTEMPTS) {
                        continue;
                    }
                    throw failure(e.getMessage() + " (" + e.errorType() + ")", pending);
                } catch (ConnectException e) {
                    // Nothing reached a server: a first call fails at once, a later one waits for a restart.
                    if (tally.acknowledged > 0 && attempt < MAX_ATTEMPTS) {
                        continue;
                    }
                    throw failure(e.getMessage(), pending);
                } catch (IOException e) {
                    if (attempt < MAX_ATTEMPTS) {
                        continue;
                    }
                    throw failure(e.getMessage(), pending);
                }
                List<Pending> again = new ArrayList<>();
                List<Pending> refused = new ArrayList<>();
                String lastError = null;
                for (int i = 0; i < pending.size(); i++) {
                    PutResult.Entry r = result.entries().get(i);
                    if (!r.failed()) {
                        tally.acknowledged++;
                        continue;
                    }
                    lastError = r.errorMessage() + " (" + r.errorCode() + ")";
                    boolean retryable = StreamApiException.PROVISIONED_THROUGHPUT_EXCEEDED.equals(r.errorCode())
                            || StreamApiException.INTERNAL_FAILURE.equals(r.errorCode());
                    (retryable ? again : refused).add(pending.get(i));
                }
                if (!refused.isEmpty()) {
                    refused.addAll(again);
                    throw failure("line " + refused.get(0).line() + " was refused: " + lastError, refused);
                }
                if (!again.isEmpty() && attempt >= MAX_ATTEMPTS) {
                    throw failure(lastError + " after " + attempt + " attempts", again);
                }
                pending = again;
            }
        }

        IOException failure(String reason, List<Pending> notSent) {
            long first = notSent.stream().mapToLong(Pending::line).min().orElse(tally.lines);
            return new IOException(String.format(
                    Locale.ROOT,
                    "%s; %,d lines were acknowledged, %,d were not (the first is line %,d) and input after line %,d"
                            + " was not read",
                    reason,
                    tally.acknowledged,
                    tally.lines - tally.acknowledged - tally.emptySkipped,
                    first,
                    tally.lines));
        }

        IOException failure(String reason, long line) {
            return failure(reason, List.of(new Pending(line, null)));
        }

        private static void sleep(Duration d) throws InterruptedIOException {
            try {
                Thread.sleep(d.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while retrying");
            }
        }
    }
}
