package dev.silt.sql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.silt.sql.SqlEngine;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wire server against Debian's psql ({@code postgresql-client}; CI installs it). Skipped, with the reason, only
 * when psql is not on the PATH.
 */
class PsqlIT {
    private static SqlEngine engine;
    private static PgServer server;
    private static String psql;

    @TempDir
    static Path dir;

    /** One psql run: exit code, standard output, standard error. */
    record Run(int exit, String out, String err) {}

    @BeforeAll
    static void start() throws Exception {
        psql = findPsql();
        assumeTrue(
                psql != null, "psql is not installed (apt-get install -y postgresql-client): skipping the psql tests");
        engine = SqlEngine.withDefaults(2);
        server = PgServer.open(engine, PgServerOptions.defaults().withPort(0)).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    private static String findPsql() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(File.pathSeparator)) {
            File f = new File(d, "psql");
            if (f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        return null;
    }

    private static Run psql(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                psql, "-X", "-h", "127.0.0.1", "-p", Integer.toString(server.port()), "-U", "silt", "-d", "silt"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("PGCONNECT_TIMEOUT", "10");
        pb.environment().put("PGCLIENTENCODING", "UTF8");
        pb.environment().remove("PGPASSWORD");
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("psql did not finish within 60 s: " + cmd);
        }
        return new Run(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void commandLineQueryPrintsItsResult() throws Exception {
        Run r = psql("-A", "-t", "-c", "select 40 + 2 as answer, 'psql' as client");
        assertEquals(0, r.exit(), r.err());
        assertEquals("42|psql", r.out().strip());
        Run aligned = psql("-c", "select n_name from tpch.tiny.nation where n_nationkey < 3 order by n_nationkey");
        assertEquals(0, aligned.exit(), aligned.err());
        assertTrue(aligned.out().contains("ALGERIA"), aligned.out());
        assertTrue(aligned.out().contains("(3 rows)"), aligned.out());
    }

    @Test
    void scriptFileRunsEveryStatement() throws Exception {
        Path script = dir.resolve("script.sql");
        Files.writeString(
                script,
                "create table psql_t (id integer, name varchar);\n"
                        + "insert into psql_t values (1, 'one'), (2, 'two');\n"
                        + "insert into psql_t values (3, 'three');\n"
                        + "select count(*) as n, max(name) as top from psql_t;\n",
                StandardCharsets.UTF_8);
        Run r = psql("-A", "-f", script.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("CREATE TABLE"), r.out());
        assertTrue(r.out().contains("INSERT 0 2"), r.out());
        assertTrue(r.out().contains("INSERT 0 1"), r.out());
        assertTrue(r.out().contains("n|top\n3|two"), r.out());
    }

    @Test
    void onErrorStopDecidesTheExitCode() throws Exception {
        Path stop = dir.resolve("stop.sql");
        Files.writeString(
                stop,
                "\\set ON_ERROR_STOP on\n"
                        + "create table psql_stop (a integer);\n"
                        + "insert into psql_stop values (1);\n"
                        + "select * from psql_missing;\n"
                        + "insert into psql_stop values (2);\n",
                StandardCharsets.UTF_8);
        Run stopped = psql("-f", stop.toString());
        assertEquals(3, stopped.exit(), "psql exits 3 when a script stops on an error");
        assertTrue(stopped.err().contains("psql_missing"), stopped.err());
        Run count = psql("-A", "-t", "-c", "select count(*) from psql_stop");
        assertEquals("1", count.out().strip(), "the statement after the error did not run");

        Path goOn = dir.resolve("go-on.sql");
        Files.writeString(
                goOn,
                "create table psql_go (a integer);\n" + "select 1 / 0;\n" + "insert into psql_go values (2);\n",
                StandardCharsets.UTF_8);
        Run went = psql("-f", goOn.toString());
        assertEquals(0, went.exit(), "without ON_ERROR_STOP psql goes on");
        assertTrue(went.err().contains("division by zero"), went.err());
        Run count2 = psql("-A", "-t", "-c", "select count(*) from psql_go");
        assertEquals("1", count2.out().strip());

        Run failed = psql("-c", "select * from psql_nowhere");
        assertEquals(1, failed.exit());
        assertTrue(failed.err().contains("ERROR"), failed.err());
    }
}
