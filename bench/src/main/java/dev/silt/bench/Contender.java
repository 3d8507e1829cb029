package dev.silt.bench;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** One job the benchmark times. Implementations are stateless; each run starts from a fresh output directory. */
interface Contender {
    /** Short name for the report, e.g. {@code wordcount} or {@code aggregate country,status}. */
    String name();

    /**
     * Runs the job once over {@code input} (the landed layout, read recursively) into {@code output}, which does not
     * exist yet, and returns its figures; {@code inputBytes} is passed through into them.
     */
    RunFigures run(Configuration conf, Path input, Path output, long inputBytes) throws Exception;
}
