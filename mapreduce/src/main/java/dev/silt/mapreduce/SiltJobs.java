package dev.silt.mapreduce;

import org.apache.hadoop.util.ProgramDriver;

/** The job jar's entry point: {@code hadoop jar silt-mapreduce.jar <job> [generic options] <args>}. */
public final class SiltJobs {
    private SiltJobs() {}

    public static int run(String[] args) throws Throwable {
        ProgramDriver driver = new ProgramDriver();
        return driver.run(args);
    }

    public static void main(String[] args) throws Throwable {
        // exit-ok: the job jar's main turns the driver's result into the process exit code.
        System.exit(run(args));
    }
}
