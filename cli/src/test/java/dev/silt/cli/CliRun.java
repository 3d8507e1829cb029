package dev.silt.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs the command in-process and captures what it printed. */
record CliRun(int code, String out, String err) {
    static CliRun run(String... args) {
        return run(JobRunner.IN_PROCESS, Map.of(), args);
    }

    static CliRun run(JobRunner runner, Map<String, String> env, String... args) {
        return run(InputStream.nullInputStream(), runner, env, args);
    }

    /** Runs with {@code stdin} as standard input. */
    static CliRun withInput(String stdin, String... args) {
        return run(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), JobRunner.IN_PROCESS, Map.of(), args);
    }

    static CliRun run(InputStream in, JobRunner runner, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = new Silt(runner).run(args, in, o, e, env, new File("."));
        }
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
    }
}
