package dev.silt.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Argument parsing of {@code silt stream}: no server is needed for any of these. */
class StreamCommandTest {
    private static void assertUsage(CliRun r, String message) {
        assertEquals(Silt.USAGE, r.code(), r::toString);
        assertTrue(r.err().startsWith("silt: " + message), r::toString);
        assertTrue(r.err().contains("hint: "), r::toString);
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "stream --help|tail NAME",
                "help stream|split NAME SHARD",
                "stream create --help|usage: silt stream create NAME [options]",
                "stream list --help|--endpoint <URL>",
                "stream describe --help|usage: silt stream describe NAME",
                "stream put --help|--key-field <F>",
                "stream tail --help|--from <WHERE>",
                "stream split --help|--at <HASHKEY>",
                "stream merge --help|usage: silt stream merge NAME SHARD1 SHARD2",
                "stream scale --help|usage: silt stream scale NAME N",
                "stream retention --help|usage: silt stream retention NAME HOURS",
                "stream delete --help|usage: silt stream delete NAME",
                "stream serve --help|--data <DIR>",
                "help stream tail|--follow"
            })
    void everySubCommandHasHelp(String args, String expected) {
        CliRun r = CliRun.run(args.split(" "));
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains(expected), r::toString);
        assertEquals("", r.err());
    }

    @Test
    void theTopLevelHelpListsStream() {
        CliRun r = CliRun.run("help");
        assertTrue(r.out().contains("stream "), r::toString);
        assertTrue(r.out().contains("silt.stream.endpoint"), r::toString);
    }

    @Test
    void mistakesAreNamedInOneLine() {
        assertUsage(CliRun.run("stream"), "'silt stream' needs a sub-command: create, list");
        assertUsage(
                CliRun.run("stream", "tale", "s"),
                "unknown sub-command 'tale' for 'silt stream' (did you mean 'tail'?)");
        assertUsage(CliRun.run("stream", "split", "s"), "'silt stream split' needs SHARD");
        assertUsage(CliRun.run("stream", "merge", "s", "1"), "'silt stream merge' needs SHARD2");
        assertUsage(CliRun.run("stream", "create"), "'silt stream create' needs NAME");
        assertUsage(CliRun.run("stream", "describe", "a", "b"), "unexpected argument 'b' for 'silt stream describe'");
        assertUsage(
                CliRun.run("stream", "create", "s", "--shards", "many"), "--shards must be a whole number, got 'many'");
        assertUsage(
                CliRun.run("stream", "create", "s", "--shards", "0"), "--shards must be between 1 and 100000, got 0");
        assertUsage(CliRun.run("stream", "retention", "s", "12"), "HOURS must be between 24 and 8760, got 12");
        assertUsage(CliRun.run("stream", "scale", "s", "x"), "N must be a whole number, got 'x'");
        assertUsage(CliRun.run("stream", "tail", "s", "--bogus"), "unknown option '--bogus' for 'silt stream tail'");
        assertUsage(
                CliRun.run("stream", "tail", "s", "--shards", "2"), "unknown option '--shards' for 'silt stream tail'");
        assertUsage(
                CliRun.run("stream", "list", "--endpoint", "ftp://x"), "the stream endpoint must be an http:// URL");
        assertUsage(
                CliRun.run("stream", "list", "--endpoint"), "option '--endpoint' of 'silt stream list' needs a value");
        assertUsage(
                CliRun.run("-D", "silt.stream.endpoint=nowhere", "stream", "list"),
                "the stream endpoint must be an http:// URL like http://127.0.0.1:4567, got 'nowhere'");
        assertUsage(
                CliRun.run("stream", "put", "s", "--partition-key", "a", "--key-field", "b"),
                "--partition-key and --key-field exclude each other");
        assertUsage(
                CliRun.run("-D", "silt.data.dir=hdfs://nn/silt", "stream", "serve"),
                "the stream server keeps its data on a local disk");
        assertUsage(CliRun.run("stream", "serve", "--port", "70000"), "--port must be between 0 and 65535, got 70000");
    }

    @Test
    void tailPositionsAreParsed() throws Exception {
        StreamCommand.Context ctx = new StreamCommand.Context(null, null, "silt stream tail");
        assertEquals("TRIM_HORIZON", StreamTail.parseFrom(ctx, "trim-horizon").toString());
        assertEquals("LATEST", StreamTail.parseFrom(ctx, "latest").toString());
        assertEquals(
                "AT_TIMESTAMP 2026-01-01T10:00:00Z",
                StreamTail.parseFrom(ctx, "2026-01-01T10:00:00Z").toString());
        assertEquals(
                "AT_TIMESTAMP 2026-01-01T10:00:00Z",
                StreamTail.parseFrom(ctx, "2026-01-01T10:00").toString());
        assertEquals(
                "AT_TIMESTAMP 2026-01-01T09:00:00Z",
                StreamTail.parseFrom(ctx, "2026-01-01T10:00:00+01:00").toString());
        UsageException e = org.junit.jupiter.api.Assertions.assertThrows(
                UsageException.class, () -> StreamTail.parseFrom(ctx, "yesterday"));
        assertTrue(e.getMessage().startsWith("--from must be trim-horizon, latest or a time"), e.getMessage());
        assertUsage(CliRun.run("stream", "tail", "s", "--from", "yesterday"), "--from must be trim-horizon");
        assertUsage(CliRun.run("stream", "tail", "s", "--format", "xml"), "--format must be text or json, got 'xml'");
        assertUsage(CliRun.run("stream", "tail", "s", "--limit", "0"), "--limit must be between 1 and");
    }

    @Test
    void shardNumbersAreShortForShardIds() {
        assertEquals("shardId-000000000003", StreamCommand.shardId("3"));
        assertEquals("shardId-000000000012", StreamCommand.shardId("12"));
        assertEquals("shardId-000000000003", StreamCommand.shardId("shardId-000000000003"));
    }

    @Test
    void linesKeepTheirBytesAndLoseOnlyTheirTerminator() throws IOException {
        InputStream in = new ByteArrayInputStream("a\r\n\nb c\té\nlast".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals("a".getBytes(StandardCharsets.UTF_8), StreamPut.readLine(in));
        assertArrayEquals(new byte[0], StreamPut.readLine(in));
        assertArrayEquals("b c\té".getBytes(StandardCharsets.UTF_8), StreamPut.readLine(in));
        assertArrayEquals("last".getBytes(StandardCharsets.UTF_8), StreamPut.readLine(in));
        assertNull(StreamPut.readLine(in));
    }

    @Test
    void aServerThatIsDownIsOneClearLine() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String endpoint = "http://127.0.0.1:" + port;
        for (String[] args : new String[][] {
            {"stream", "list", "--endpoint", endpoint},
            {"stream", "describe", "s", "--endpoint", endpoint},
            {"stream", "tail", "s", "--endpoint", endpoint},
            {"-D", "silt.stream.endpoint=" + endpoint, "stream", "create", "s"}
        }) {
            CliRun r = CliRun.run(args);
            assertEquals(Silt.FAILED, r.code(), r::toString);
            assertEquals(
                    "silt: error: cannot connect to the stream server at " + endpoint + "/ (is it running?)",
                    r.err().lines().findFirst().orElse(""),
                    r::toString);
            assertEquals(2, r.err().lines().count(), r::toString);
        }
        CliRun put = CliRun.withInput("one\ntwo\n", "stream", "put", "s", "--endpoint", endpoint);
        assertEquals(Silt.FAILED, put.code(), put::toString);
        assertTrue(put.err().contains("0 lines were acknowledged, 2 were not (the first is line 1)"), put::toString);
    }
}
