package dev.silt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SqlServeCommandTest {
    @Test
    void serveHasHelp() {
        CliRun r = CliRun.run("sql", "serve", "--help");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("usage: silt sql serve [--port P] [--bind ADDRESS]"), r::toString);
        assertTrue(r.out().contains("silt.sql.pgwire.port"), r::toString);
    }

    @Test
    void badArgumentsAreUsageErrorsNamingThem() {
        CliRun port = CliRun.run("sql", "serve", "--port", "70000");
        assertEquals(Silt.USAGE, port.code(), port::toString);
        assertTrue(port.err().contains("--port must be a port number from 0 to 65535, got '70000'"), port::toString);
        CliRun open = CliRun.run("sql", "serve", "--port", "0", "--bind", "0.0.0.0");
        assertEquals(Silt.USAGE, open.code(), open::toString);
        assertTrue(open.err().contains("silt.sql.pgwire.auth"), open::toString);
        CliRun sqlPort = CliRun.run("server", "--sql-port", "99999");
        assertEquals(Silt.USAGE, sqlPort.code(), sqlPort::toString);
        assertTrue(sqlPort.err().contains("--sql-port must be a port number"), sqlPort::toString);
    }
}
