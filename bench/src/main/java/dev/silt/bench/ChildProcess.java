package dev.silt.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server under test in its own process, so that it shares neither heap nor garbage collector nor JIT threads with
 * the load generator: a JVM on this JVM's class path, or any other command. Its standard output and error go to a
 * log file. {@link #close} stops it (SIGTERM, then SIGKILL after a grace period) and waits for it.
 */
final class ChildProcess implements AutoCloseable {
    private static final Duration GRACE = Duration.ofSeconds(20);

    private final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code mainClass} with {@code args} in a new JVM on this JVM's class path.
     *
     * @param jvmOptions heap size and other flags for the child, before the class path
     */
    static ChildProcess java(String name, Path log, List<String> jvmOptions, String mainClass, List<String> args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        return command(name, log, command);
    }

    /** Starts {@code command}. */
    static ChildProcess command(String name, Path log, List<String> command) throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        return new ChildProcess(name, p, log);
    }

    /** Runs {@code mainClass} to completion and fails unless it exits with 0. */
    static void run(String name, Path log, List<String> jvmOptions, String mainClass, List<String> args, Duration limit)
            throws IOException, InterruptedException {
        try (ChildProcess child = java(name, log, jvmOptions, mainClass, args)) {
            if (!child.process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException(name + " did not finish within " + limit + "; see " + log);
            }
            if (child.process.exitValue() != 0) {
                throw new IOException(name + " exited with " + child.process.exitValue() + "; see " + log);
            }
        }
    }

    /**
     * Waits until the child's log has a line starting with {@code prefix} and returns the rest of that line.
     *
     * @throws IOException if the child exits first or the time runs out
     */
    String awaitLine(String prefix, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(Files.newInputStream(log), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith(prefix)) {
                        return line.substring(prefix.length()).trim();
                    }
                }
            }
            checkAlive();
            Thread.sleep(50);
        }
        throw new IOException(name + " did not report '" + prefix + "' within " + limit + "; see " + log);
    }

    /** Fails if the child has exited. */
    void checkAlive() throws IOException {
        if (!process.isAlive()) {
            throw new IOException(name + " exited with " + process.exitValue() + "; see " + log);
        }
    }

    long pid() {
        return process.pid();
    }

    /**
     * CPU time the process has used so far, user plus system, from {@code /proc/<pid>/stat} (Linux; clock ticks
     * of 10 ms), or -1 where that is not available.
     */
    long cpuNanos() {
        Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
        try {
            String s = Files.readString(stat, StandardCharsets.US_ASCII);
            // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
            String[] f = s.substring(s.lastIndexOf(')') + 2).trim().split(" ", -1);
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * 10_000_000L;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }
}
