package dev.silt.cli;

import dev.silt.ingest.client.FirehoseHttpClient;
import dev.silt.ingest.client.FirehoseHttpClient.PutBatchResult;
import dev.silt.ingest.consumer.Backoff;
import dev.silt.ingest.consumer.StreamApiException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.commons.cli.CommandLine;

/**
 * {@code silt deliver put NAME}: standard input, one record per line, in {@code PutRecordBatch} calls of up to 500
 * records and 4 MiB. Records refused because the stream's buffers are full ({@code ServiceUnavailableException})
 * are sent again, and only they, with backoff; any other refusal fails the command with the counts, so nothing is
 * dropped quietly and nothing is sent twice.
 */
final class DeliverPut {
    static final int MAX_BATCH_RECORDS = 500;
    static final long MAX_BATCH_BYTES = 4L * 1024 * 1024;
    static final int MAX_RECORD_BYTES = 1000 * 1024;
    /** Sends of one batch before the command gives up on the records still refused. */
    static final int MAX_ATTEMPTS = 20;

    private record Pending(long line, byte[] data) {}

    private final FirehoseHttpClient client;
    private final String stream;
    private final Backoff backoff = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(2), new Random());
    private long lines;
    private long acknowledged;
    private long emptySkipped;
    private long calls;
    private long retried;

    private DeliverPut(FirehoseHttpClient client, String stream) {
        this.client = client;
        this.stream = stream;
    }

    static int run(DeliverCommand.Context ctx, CommandLine line, List<String> args) throws Exception {
        DeliverPut put = new DeliverPut(ctx.client(), args.get(0));
        long start = System.nanoTime();
        put.send(new BufferedInputStream(ctx.command().in(), 1 << 16));
        double seconds = (System.nanoTime() - start) / 1e9;
        ctx.out()
                .printf(
                        Locale.ROOT,
                        "put %,d records to delivery stream '%s' in %,d calls, %.2f s (%,.0f records/s)%s%s%n",
                        put.acknowledged,
                        put.stream,
                        put.calls,
                        seconds,
                        seconds > 0 ? put.acknowledged / seconds : 0.0,
                        put.retried == 0 ? "" : String.format(Locale.ROOT, "; %,d sent again", put.retried),
                        put.emptySkipped == 0
                                ? ""
                                : String.format(Locale.ROOT, "; %,d empty lines skipped", put.emptySkipped));
        return 0;
    }

    private void send(InputStream in) throws IOException {
        List<Pending> batch = new ArrayList<>();
        long batchBytes = 0;
        byte[] data;
        while ((data = StreamPut.readLine(in)) != null) {
            long lineNo = ++lines;
            if (data.length == 0) {
                emptySkipped++;
                continue;
            }
            if (data.length > MAX_RECORD_BYTES) {
                flush(batch);
                throw failure(
                        "line " + lineNo + " is " + data.length + " bytes, over the record limit of "
                                + MAX_RECORD_BYTES,
                        List.of(new Pending(lineNo, data)));
            }
            if (batch.size() == MAX_BATCH_RECORDS || (!batch.isEmpty() && batchBytes + data.length > MAX_BATCH_BYTES)) {
                flush(batch);
                batch.clear();
                batchBytes = 0;
            }
            batch.add(new Pending(lineNo, data));
            batchBytes += data.length;
        }
        flush(batch);
    }

    /** Sends the batch until every record is acknowledged, or fails with the counts. */
    private void flush(List<Pending> batch) throws IOException {
        List<Pending> pending = new ArrayList<>(batch);
        int attempt = 0;
        while (!pending.isEmpty()) {
            if (attempt > 0) {
                retried += pending.size();
                sleep(backoff.delay(attempt - 1));
            }
            attempt++;
            PutBatchResult result;
            try {
                calls++;
                result = client.putRecordBatch(
                        stream, pending.stream().map(Pending::data).toList());
            } catch (StreamApiException e) {
                boolean transientError = "ServiceUnavailableException".equals(e.errorType()) || e.isTransient();
                if (transientError && attempt < MAX_ATTEMPTS) {
                    continue;
                }
                throw failure(e.getMessage() + " (" + e.errorType() + ")", pending);
            }
            List<Pending> again = new ArrayList<>();
            List<Pending> refused = new ArrayList<>();
            String lastError = null;
            String refusal = null;
            for (int i = 0; i < pending.size(); i++) {
                FirehoseHttpClient.PutEntry r = result.entries().get(i);
                if (!r.failed()) {
                    acknowledged++;
                    continue;
                }
                lastError = r.errorMessage() + " (" + r.errorCode() + ")";
                // Only a full buffer is worth a retry; the others (too large, bad data) would fail again.
                if ("ServiceUnavailableException".equals(r.errorCode())) {
                    again.add(pending.get(i));
                } else {
                    refused.add(pending.get(i));
                    refusal = refusal == null ? lastError : refusal;
                }
            }
            if (!refused.isEmpty()) {
                String reason = "line " + refused.get(0).line() + " was refused: " + refusal;
                refused.addAll(again);
                throw failure(reason, refused);
            }
            if (!again.isEmpty() && attempt >= MAX_ATTEMPTS) {
                throw failure(lastError + " after " + attempt + " attempts", again);
            }
            pending = again;
        }
    }

    private IOException failure(String reason, List<Pending> notSent) {
        long first = notSent.stream().mapToLong(Pending::line).min().orElse(lines);
        return new IOException(String.format(
                Locale.ROOT,
                "%s; %,d lines were acknowledged, %,d were not (the first is line %,d) and input after line %,d was"
                        + " not read",
                reason,
                acknowledged,
                lines - acknowledged - emptySkipped,
                first,
                lines));
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
