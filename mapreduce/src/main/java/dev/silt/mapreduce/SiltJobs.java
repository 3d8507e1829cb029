package dev.silt.mapreduce;

import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ProgramDriver;

/** The job jar's entry point: {@code hadoop jar silt-mapreduce.jar <job> [generic options] <args>}. */
public final class SiltJobs {
    private SiltJobs() {}

    /** A registered job: its name (the first argument) and a one-line description. */
    public record JobInfo(String name, String description) {}

    /** The registered jobs, in the order {@code silt mr --help} lists them. */
    public static List<JobInfo> jobs() {
        // The registry is filled in as the jobs land; until then it is empty.
        return List.of();
    }

    /**
     * Runs one job in this JVM with {@code conf} as its base configuration.
     *
     * @param args job name first, then generic options and the job's own arguments
     * @return the job's exit code
     */
    public static int run(Configuration conf, String[] args) throws Exception {
        String name = args.length == 0 ? "" : args[0];
        throw new IllegalArgumentException("unknown job '" + name + "'");
    }

    public static int run(String[] args) throws Throwable {
        ProgramDriver driver = new ProgramDriver();
        return driver.run(args);
    }

    public static void main(String[] args) throws Throwable {
        // exit-ok: the job jar's main turns the driver's result into the process exit code.
        System.exit(run(args));
    }
}
