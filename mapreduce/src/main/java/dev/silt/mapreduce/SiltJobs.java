package dev.silt.mapreduce;

import dev.silt.mapreduce.job.JobResult;
import dev.silt.mapreduce.job.SiltTool;
import dev.silt.mapreduce.jobs.Aggregate;
import dev.silt.mapreduce.jobs.Distinct;
import dev.silt.mapreduce.jobs.Etl;
import dev.silt.mapreduce.jobs.Join;
import dev.silt.mapreduce.jobs.Sessionize;
import dev.silt.mapreduce.jobs.Sort;
import dev.silt.mapreduce.jobs.TopN;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ProgramDriver;
import org.apache.hadoop.util.ToolRunner;

/**
 * The job jar's entry point, a {@link ProgramDriver} of every job as Hadoop's example jar has:
 * {@code hadoop jar silt-mapreduce.jar <job> [generic options] <args>}. {@link #run(Configuration, String[])} runs
 * the same jobs in-process for {@code silt mr}.
 */
public final class SiltJobs {
    /** A job of the driver. */
    public record JobInfo(String name, String description, Class<?> mainClass, Supplier<SiltTool> tool) {}

    private static final List<JobInfo> JOBS = List.of(
            job(Aggregate.class, Aggregate::new),
            job(TopN.class, TopN::new),
            job(Sessionize.class, Sessionize::new),
            job(Distinct.class, Distinct::new),
            job(Join.class, Join::new),
            job(Etl.class, Etl::new),
            job(Sort.class, Sort::new));

    private SiltJobs() {}

    private static JobInfo job(Class<?> mainClass, Supplier<SiltTool> tool) {
        SiltTool t = tool.get();
        return new JobInfo(t.name(), t.description(), mainClass, tool);
    }

    /** Every job, in the driver's order. */
    public static List<JobInfo> jobs() {
        return JOBS;
    }

    /** Outcome of {@link #execute}: the exit code and, on success, what the job did. */
    public record Execution(int exitCode, JobResult result) {}

    /**
     * Runs {@code args[0]} with the rest of {@code args} (generic options first, as with {@code hadoop jar}).
     *
     * @return 0 on success, 1 if the job failed, 2 for an unknown job or bad arguments
     */
    public static Execution execute(Configuration conf, String[] args, PrintStream out, PrintStream err)
            throws Exception {
        if (args.length == 0) {
            printJobs(err);
            return new Execution(2, null);
        }
        for (JobInfo info : JOBS) {
            if (info.name().equals(args[0])) {
                SiltTool tool = info.tool().get();
                tool.setStreams(out, err);
                int code = ToolRunner.run(conf, tool, Arrays.copyOfRange(args, 1, args.length));
                return new Execution(code, tool.result());
            }
        }
        err.println("unknown job '" + args[0] + "'");
        printJobs(err);
        return new Execution(2, null);
    }

    /** {@link #execute} with the standard streams; returns the exit code. */
    public static int run(Configuration conf, String[] args) throws Exception {
        return execute(conf, args, System.out, System.err).exitCode();
    }

    public static void printJobs(PrintStream to) {
        to.println("Jobs:");
        for (JobInfo j : JOBS) {
            to.printf("  %-12s %s%n", j.name(), j.description());
        }
    }

    public static void main(String[] args) throws Throwable {
        ProgramDriver driver = new ProgramDriver();
        for (JobInfo j : JOBS) {
            driver.addClass(j.name(), j.mainClass(), j.description());
        }
        // exit-ok: the job jar's main turns the driver's result into the process exit code.
        System.exit(driver.run(args));
    }
}
