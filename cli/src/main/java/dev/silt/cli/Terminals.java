package dev.silt.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether the process talks to a person: decides between the interactive console and reading a script. */
final class Terminals {
    private Terminals() {}

    /**
     * True when standard input is a terminal. {@code System.console()} answers only when output is one too, so
     * {@code silt sql > out.txt} would lose its prompt; on Linux the descriptor's target says it directly.
     */
    static boolean stdinIsTerminal() {
        if (System.console() != null) {
            return true;
        }
        Path fd0 = Path.of("/proc/self/fd/0");
        try {
            String target = Files.readSymbolicLink(fd0).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            // not Linux, or no /proc: without a console, treat input as a script
            return false;
        }
    }
}
