package dev.silt.cli.sql;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A status line ({@code elapsed 3.2 s, 120,000 rows}) redrawn in place while a statement runs for longer than half
 * a second, and erased when it ends. Meant for a terminal only: it writes carriage returns and an erase-line escape.
 *
 * <p>Threading: {@link #start} and {@link #stop} are called by the thread that runs statements; the line is drawn
 * by a daemon thread of its own, which {@link #stop} waits for, so nothing else is written meanwhile.
 */
public final class ProgressLine {
    private static final long DELAY_MS = 500;
    private static final long PERIOD_MS = 250;

    private final PrintWriter terminal;
    private Thread drawer;

    public ProgressLine(PrintWriter terminal) {
        this.terminal = terminal;
    }

    /** Starts drawing; {@code rows} tells the rows so far (-1 when unknown). */
    public void start(LongSupplier rows) {
        long began = System.nanoTime();
        Thread t = new Thread(
                () -> {
                    try {
                        Thread.sleep(DELAY_MS);
                        while (!Thread.currentThread().isInterrupted()) {
                            double s = (System.nanoTime() - began) / 1e9;
                            long n = rows.getAsLong();
                            String text = String.format(Locale.ROOT, "elapsed %.1f s", s)
                                    + (n >= 0 ? String.format(Locale.ROOT, ", %,d rows", n) : "")
                                    + " (Ctrl-C cancels)";
                            synchronized (terminal) {
                                terminal.print("\r" + text + "\u001b[K");
                                terminal.flush();
                            }
                            Thread.sleep(PERIOD_MS);
                        }
                    } catch (InterruptedException e) {
                        // stop() asked us to finish: the statement is over
                        Thread.currentThread().interrupt();
                    }
                },
                "silt-sql-progress");
        t.setDaemon(true);
        drawer = t;
        t.start();
    }

    /** Stops drawing and erases the line. */
    public void stop() {
        Thread t = drawer;
        drawer = null;
        if (t == null) {
            return;
        }
        t.interrupt();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (terminal) {
            terminal.print("\r\u001b[K");
            terminal.flush();
        }
    }
}
