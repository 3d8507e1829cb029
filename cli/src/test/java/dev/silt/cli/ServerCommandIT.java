package dev.silt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code silt server} as a user runs it: a separate process that serves the stream API until SIGTERM, which closes
 * it cleanly; a second start on the same data directory serves every record the first one acknowledged.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ServerCommandIT {
    private static final Pattern ENDPOINT = Pattern.compile("silt Kinesis endpoint (http://127\\.0\\.0\\.1:\\d+) ");
    private static final Pattern SQL = Pattern.compile("silt SQL \\(PostgreSQL protocol\\) on 127\\.0\\.0\\.1:(\\d+) ");

    @TempDir
    Path tmp;

    @Test
    void servesStreamsUntilSigtermAndKeepsThemAcrossRestarts() throws Exception {
        Path data = tmp.resolve("data");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            lines.add("{\"user\":\"u" + (i % 7) + "\",\"n\":" + i + "}");
        }

        Path lake = tmp.resolve("lake");
        Server first = Server.start(data);
        try {
            ok(CliRun.run(first.cli("stream", "create", "events", "--shards", "2", "--wait")));
            CliRun put = ok(CliRun.withInput(
                    String.join("\n", lines) + "\n", first.cli("stream", "put", "events", "--key-field", "user")));
            assertTrue(put.out().startsWith("put 300 records to 'events'"), put::toString);
            // the same process serves SQL over the PostgreSQL protocol
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                            "jdbc:postgresql://127.0.0.1:" + first.sqlPort() + "/silt", "silt", "");
                    java.sql.Statement s = c.createStatement();
                    java.sql.ResultSet rs = s.executeQuery("select count(*) from tpch.tiny.nation")) {
                assertTrue(rs.next());
                assertEquals(25, rs.getInt(1));
            }
            // A delivery stream on the same port: what it accepted lands when SIGTERM closes the server.
            ok(CliRun.run(first.cli("deliver", "create", "clicks", "--to", lake.toString(), "--compression", "none")));
            ok(CliRun.withInput(String.join("\n", lines) + "\n", first.cli("deliver", "put", "clicks")));
        } finally {
            // SIGTERM: the shutdown hook closes the server (answers in-flight calls, forces and closes shard logs).
            first.process.destroy();
        }
        assertTrue(first.process.waitFor(60, TimeUnit.SECONDS), "the server stops on SIGTERM");
        assertEquals(143, first.process.exitValue(), "exit status after SIGTERM");

        Server second = Server.start(data);
        try {
            CliRun tail = ok(CliRun.run(second.cli("stream", "tail", "events")));
            List<String> got = new ArrayList<>(tail.out().lines().toList());
            List<String> expected = new ArrayList<>(lines);
            got.sort(null);
            expected.sort(null);
            assertEquals(expected, got, "every acknowledged record, once");
            // The delivery stream was restored running: it takes puts, and stopping it lands them.
            CliRun described = ok(CliRun.run(second.cli("deliver", "describe", "clicks")));
            assertTrue(described.out().contains("status        ACTIVE"), described::toString);
            ok(CliRun.withInput("{\"after\":1}\n", second.cli("deliver", "put", "clicks")));
            ok(CliRun.run(second.cli("deliver", "stop", "clicks")));
            List<String> delivered = new ArrayList<>(lines);
            delivered.add("{\"after\":1}");
            assertEquals(delivered, DeliverCommandIT.landed(lake), "every acknowledged delivery record, once");
        } finally {
            second.process.destroy();
            second.process.waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void aBadPortIsAUsageError() {
        CliRun r = CliRun.run("server", "--stream-port", "70000");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("--stream-port must be a port number from 0 to 65535, got '70000'"), r::toString);
    }

    private static CliRun ok(CliRun r) {
        assertEquals(0, r.code(), r::toString);
        return r;
    }

    /** A {@code silt server} child process on an ephemeral port. */
    private record Server(Process process, String endpoint, int sqlPort) {
        static Server start(Path data) throws IOException {
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            List<String> cmd = List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    // the tpch connector's text pool alone is 300 MB (as TPC-H's generator defines it)
                    "-Xmx768m",
                    "-cp",
                    classpath,
                    Silt.class.getName(),
                    "-D",
                    "silt.ingest.stream.create.delay.ms=0",
                    "server",
                    "--stream-port",
                    "0",
                    "--sql-port",
                    "0",
                    "--data",
                    data.toString());
            Process p = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            String line;
            int sqlPort = -1;
            while ((line = out.readLine()) != null) {
                seen.append(line).append('\n');
                Matcher sql = SQL.matcher(line);
                if (sql.find()) {
                    sqlPort = Integer.parseInt(sql.group(1));
                }
                Matcher m = ENDPOINT.matcher(line);
                if (m.find()) {
                    drain(out);
                    return new Server(p, m.group(1), sqlPort);
                }
            }
            p.destroyForcibly();
            assertNotNull(null, "silt server printed no endpoint:\n" + seen);
            throw new IllegalStateException("unreachable");
        }

        /** Keeps reading the child's output so that it never blocks on a full pipe. */
        private static void drain(BufferedReader out) {
            Thread t = new Thread(() -> {
                try {
                    while (out.readLine() != null) {
                        // discard
                    }
                } catch (IOException e) {
                    // the child went away; nothing left to read
                }
            });
            t.setDaemon(true);
            t.start();
        }

        String[] cli(String... args) {
            String[] all = new String[args.length + 2];
            all[0] = "-D";
            all[1] = "silt.stream.endpoint=" + endpoint;
            System.arraycopy(args, 0, all, 2, args.length);
            return all;
        }
    }
}
