package dev.silt.cli;

/** A mistake in how the command was called: reported in one line with a hint, exit code 2. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String hint;

    /**
     * @param message what is wrong, naming the offending command, option or value
     * @param hint what to run to learn more, or null
     */
    public UsageException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    public String hint() {
        return hint;
    }
}
