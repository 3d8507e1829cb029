package dev.silt.cli;

import dev.silt.mapreduce.SiltJobs;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;

/**
 * {@code silt mr <job> [generic options] <args>}: runs a MapReduce job in this JVM (the LocalJobRunner unless
 * the configuration points at a cluster), with the command's configuration as the job's base.
 */
final class MrCommand implements Command {
    private final JobRunner runner;

    MrCommand(JobRunner runner) {
        this.runner = runner;
    }

    @Override
    public String name() {
        return "mr";
    }

    @Override
    public String summary() {
        return "run a MapReduce job (aggregate, topn, sessionize, …) in-process";
    }

    @Override
    public int run(CommandContext ctx, List<String> args) throws Exception {
        if (args.isEmpty() || args.get(0).startsWith("-")) {
            if (Usage.wantsHelp(args)) {
                printHelp(ctx.out());
                return 0;
            }
            throw new UsageException(
                    args.isEmpty()
                            ? "'silt mr' needs a job name"
                            : "unknown option '" + args.get(0) + "' for 'silt mr'",
                    "run 'silt mr --help' for the list of jobs");
        }
        String job = args.get(0);
        List<String> known =
                SiltJobs.jobs().stream().map(SiltJobs.JobInfo::name).toList();
        if (!known.contains(job)) {
            String suggestion = Suggest.closest(job, known);
            throw new UsageException(
                    "unknown job '" + job + "'" + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)"),
                    "run 'silt mr --help' for the list of jobs");
        }
        // The job parses its own generic options; it gets a copy so it cannot change the command's.
        return runner.run(new Configuration(ctx.conf()), args.toArray(new String[0]));
    }

    private static void printHelp(PrintStream out) {
        out.println("usage: silt [-D key=value]... mr <job> [generic options] <job arguments>");
        out.println();
        out.println("Runs a job of the silt job jar in this JVM, as 'hadoop jar silt-mapreduce.jar <job> …' would.");
        out.println();
        List<SiltJobs.JobInfo> jobs = SiltJobs.jobs();
        if (jobs.isEmpty()) {
            out.println("Jobs: none are registered in this build.");
        } else {
            out.println("Jobs:");
            for (SiltJobs.JobInfo j : jobs) {
                out.printf(Locale.ROOT, "  %-12s %s%n", j.name(), j.description());
            }
        }
        out.println();
        out.println("Generic options (after the job name): -D key=value, -conf <file>, -files <list>, -libjars <list>");
        out.println(
                "Common job arguments: --in <uri>[,<uri>…] --out <uri> [--from yyyy-MM-ddTHH] [--to yyyy-MM-ddTHH]");
        out.println("                      [--overwrite] [--reducers N] [--max-split-size BYTES]");
        out.println("Run 'silt mr <job> --help' for a job's own arguments.");
        if (!jobs.isEmpty()) {
            out.println();
            out.println("Example: silt mr " + jobs.get(0).name() + " --help");
        }
    }
}
