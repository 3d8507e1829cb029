package dev.silt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code silt sql} as cron and shells run it: the real {@code scripts/silt} launcher in a child process, with
 * {@code -c}, {@code -f}, a script on standard input, failures and their exit codes, and the launcher's class-data
 * archive made once per build and replaced when a jar changes.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SqlConsoleIT {
    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    /** Whether the launcher may make and use its class-data archive (off where a test is not about it: faster). */
    private boolean cds;

    private Run silt(String stdin, String... args) throws IOException, InterruptedException {
        Path launcher = Path.of("..", "scripts", "silt").toAbsolutePath().normalize();
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("SILT_CDS_DIR", tmp.resolve("cds").toString());
        env.put("SILT_HOME", tmp.toString());
        env.remove("SILT_JAVA_OPTS");
        env.put("SILT_CDS", cds ? "1" : "0");
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        if (stdin == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        Process p = pb.start();
        if (stdin != null) {
            try (var in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        assertTrue(p.waitFor(240, TimeUnit.SECONDS), "silt sql finished");
        return new Run(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private List<Path> archives() throws IOException {
        Path dir = tmp.resolve("cds");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".jsa")).toList();
        }
    }

    @Test
    void commandsRunAndTheArchiveFollowsTheJar() throws Exception {
        cds = true;
        String[] args = {
            "sql", "--format", "csv", "-c", "use tpch.tiny", "-c", "select r_regionkey, r_name from region order by 1"
        };
        String expected = "r_regionkey,r_name\r\n0,AFRICA\r\n1,AMERICA\r\n2,ASIA\r\n3,EUROPE\r\n4,MIDDLE EAST\r\n";
        Run first = silt(null, args);
        assertEquals(0, first.code(), first::toString);
        assertEquals(expected, first.out());
        List<Path> made = archives();
        assertEquals(1, made.size(), "one archive after the first start: " + made);

        Run second = silt(null, args);
        assertEquals(0, second.code(), second::toString);
        assertEquals(expected, second.out());
        assertEquals("", second.err(), "the archive is used silently");
        assertEquals(made, archives(), "the archive is reused");

        // A rebuilt jar: the old archive no longer matches, so the launcher makes a new one and drops the old.
        Path jar;
        try (Stream<Path> s = Files.list(Path.of("target"))) {
            jar = s.filter(f -> f.getFileName().toString().matches("silt-cli-.*\\.jar"))
                    .filter(f -> !f.getFileName().toString().endsWith("-tests.jar"))
                    .findFirst()
                    .orElseThrow();
        }
        Files.setLastModifiedTime(
                jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 2000));
        Run third = silt(null, args);
        assertEquals(0, third.code(), third::toString);
        assertEquals(expected, third.out());
        assertEquals(1, archives().size(), archives()::toString);
        assertNotEquals(made, archives(), "a new archive for the changed jar");
    }

    @Test
    void aScriptFileStopsAtItsFirstErrorWithExitCode1() throws Exception {
        Path script = tmp.resolve("load.sql");
        Files.writeString(
                script,
                "create table t (id int, name varchar);\n"
                        + "insert into t values (1, 'a'), (2, 'b');\n"
                        + "insert into t values (3, 'c', 'too many');\n"
                        + "insert into t values (4, 'd');\n",
                StandardCharsets.UTF_8);
        Run r = silt(null, "sql", "-f", script.toString(), "-c", "select count(*) from t");
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains("load.sql:3: ERROR: "), r::toString);
        assertEquals("CREATE TABLE\nINSERT 0 2\n", r.out(), "nothing after the failure ran");
    }

    @Test
    void standardInputThatIsNotATerminalIsAScript() throws Exception {
        Run r = silt(
                "create table t (id int, name varchar);\ninsert into t values (1, 'é'), (2, null);\n"
                        + "select bad syntax here;\ninsert into t values (3, 'c');\nselect * from t order by id;\n",
                "sql",
                "--format",
                "json",
                "--continue-on-error");
        assertEquals(1, r.code(), r::toString);
        assertEquals(
                "{\"id\":1,\"name\":\"é\"}\n{\"id\":2,\"name\":null}\n{\"id\":3,\"name\":\"c\"}\n",
                r.out(),
                "every good row once");
        assertTrue(r.err().contains("<stdin>:3: ERROR: "), r::toString);
    }

    @Test
    void connectionAndUsageFailuresHaveTheirOwnExitCodes() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Run refused = silt(null, "sql", "--host", "127.0.0.1", "--port", Integer.toString(port), "-c", "select 1");
        assertEquals(3, refused.code(), refused::toString);
        assertTrue(refused.err().contains("cannot connect to silt at 127.0.0.1:" + port), refused::toString);

        Run usage = silt(null, "sql", "--no-such-option");
        assertEquals(2, usage.code(), usage::toString);
        assertTrue(usage.err().contains("unknown option '--no-such-option'"), usage::toString);
    }
}
