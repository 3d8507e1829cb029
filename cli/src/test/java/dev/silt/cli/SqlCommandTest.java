package dev.silt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code silt sql} in-process on the embedded engine: scripts, formats, backslash commands and exit codes. */
class SqlCommandTest {
    @TempDir
    Path tmp;

    @Test
    void runsCommandsInOrderOnOneEngine() {
        CliRun r = CliRun.run(
                "sql",
                "-c",
                "create table t (a int, b varchar)",
                "-c",
                "insert into t values (1, 'x'), (2, null)",
                "-c",
                "select a, b from t order by a");
        assertEquals(0, r.code(), r::toString);
        assertEquals(
                "CREATE TABLE\nINSERT 0 2\n a |  b\n---+------\n 1 | x\n 2 | NULL\n(2 rows)\n", r.out(), r::toString);
    }

    @Test
    void aFailedStatementStopsTheScriptWithExitCode1() {
        CliRun r = CliRun.withInput(
                "create table t (a int);\ninsert into t values (1);\nselect * from missing_table;\n"
                        + "insert into t values (2);\nselect count(*) from t;\n",
                "sql",
                "--format",
                "csv");
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains("<stdin>:3: ERROR: "), r::toString);
        assertTrue(r.err().contains("missing_table"), r::toString);
        assertEquals("", r.out(), "nothing after the failed statement ran");
    }

    @Test
    void continueOnErrorRunsTheRestButStillExitsWith1() {
        CliRun r = CliRun.withInput(
                "create table t (a int);\ninsert into t values (1);\nselect 1/0;\n"
                        + "insert into t values (2);\nselect a from t order by a;\n",
                "sql",
                "--format",
                "csv",
                "--continue-on-error");
        assertEquals(1, r.code(), r::toString);
        assertEquals("a\r\n1\r\n2\r\n", r.out(), "each good row once, none lost");
        assertEquals(1, r.err().lines().filter(l -> l.contains("ERROR:")).count(), r::toString);
    }

    @Test
    void aLastStatementWithoutSemicolonRunsAtTheEnd() {
        CliRun r = CliRun.withInput("use tpch.tiny;\nselect count(*) as n\nfrom region", "sql", "--format", "json");
        assertEquals(0, r.code(), r::toString);
        assertEquals("{\"n\":5}\n", r.out());
    }

    @Test
    void filesRunInOrderWithCommandsAndDashIsStandardInput() throws Exception {
        Path f = tmp.resolve("q.sql");
        Files.writeString(f, "-- a comment; not a statement\nselect 2 as two;\n", StandardCharsets.UTF_8);
        CliRun r = CliRun.withInput(
                "select 3 as three;", "sql", "--format", "csv", "-c", "select 1 as one", "-f", f.toString(), "-f", "-");
        assertEquals(0, r.code(), r::toString);
        assertEquals("one\r\n1\r\ntwo\r\n2\r\nthree\r\n3\r\n", r.out());
    }

    @Test
    void backslashCommandsListDescribeAndSwitchFormats() {
        CliRun r = CliRun.run(
                "sql",
                "-c",
                "\\dt tiny.n*",
                "-c",
                "\\d tpch.tiny.region",
                "-c",
                "\\x",
                "-c",
                "select 1 as a, 'b' as b",
                "-c",
                "\\format csv",
                "-c",
                "\\pset null (null)",
                "-c",
                "select null as n");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains(" tpch    | tiny   | nation | table"), r::toString);
        assertTrue(r.out().contains("Table \"tpch.tiny.region\""), r::toString);
        assertTrue(r.out().contains(" r_regionkey | bigint"), r::toString);
        assertTrue(r.out().contains("-[ RECORD 1 ]-\na | 1\nb | b\n"), r::toString);
        assertTrue(r.out().endsWith("n\r\n\r\n"), "CSV shows NULL as an empty field: " + r);
    }

    @Test
    void anUnknownBackslashCommandIsAnError() {
        CliRun r = CliRun.run("sql", "-c", "\\frobnicate", "-c", "select 1");
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains("invalid command \\frobnicate"), r::toString);
        assertFalse(r.out().contains("(1 row)"), r::toString);
    }

    @Test
    void quitStopsTheScriptWithSuccess() {
        CliRun r = CliRun.run("sql", "-c", "\\q", "-c", "select * from nowhere");
        assertEquals(0, r.code(), r::toString);
        assertEquals("", r.err());
    }

    @Test
    void commandLineMistakesExitWith2() {
        CliRun badFormat = CliRun.run("sql", "--format", "xml", "-c", "select 1");
        assertEquals(2, badFormat.code(), badFormat::toString);
        assertTrue(badFormat.err().contains("unknown --format 'xml'"), badFormat::toString);
        CliRun portAlone = CliRun.run("sql", "--port", "5439", "-c", "select 1");
        assertEquals(2, portAlone.code(), portAlone::toString);
        assertTrue(portAlone.err().contains("--port needs --host"), portAlone::toString);
        CliRun noFile = CliRun.run("sql", "-f", tmp.resolve("nope.sql").toString());
        assertEquals(2, noFile.code(), noFile::toString);
        assertTrue(noFile.err().contains("nope.sql: no such file"), noFile::toString);
        CliRun badPort = CliRun.run("sql", "--host", "127.0.0.1", "--port", "99999", "-c", "select 1");
        assertEquals(2, badPort.code(), badPort::toString);
    }

    @Test
    void anUnreachableServerExitsWith3() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CliRun r = CliRun.run("sql", "--host", "127.0.0.1", "--port", Integer.toString(port), "-c", "select 1");
        assertEquals(3, r.code(), r::toString);
        assertTrue(r.err().contains("cannot connect to silt at 127.0.0.1:" + port), r::toString);
    }

    @Test
    void helpListsTheExitCodes() {
        CliRun r = CliRun.run("sql", "--help");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("3  cannot connect to the server"), r::toString);
    }
}
