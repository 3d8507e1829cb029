package dev.silt.cli;

import java.util.List;

/** One sub-command of {@code silt}. Implementations print to the context's streams and never exit. */
interface Command {
    String name();

    /** One line for {@code silt help}. */
    String summary();

    /**
     * Runs the command; {@code --help} anywhere in {@code args} prints its usage instead.
     *
     * @return the exit code (0 on success)
     * @throws UsageException for a mistake in the arguments (exit code 2)
     * @throws Exception for a failure while running (exit code 1)
     */
    int run(CommandContext context, List<String> args) throws Exception;
}
