package dev.silt.mapreduce.job;

import dev.silt.mapreduce.MapReduceKeys;
import dev.silt.mapreduce.input.InputCounters;
import dev.silt.mapreduce.input.LandedInputFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Options;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.apache.hadoop.mapreduce.TaskCompletionEvent;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.util.Tool;

/**
 * The frame of every job: argument parsing with a usage message, input set-up over the landed layout, the quarantine
 * output, and an all-or-nothing commit.
 *
 * <p>Commit: the job writes into a hidden staging directory beside {@code --out}. Only when it succeeded and its
 * quarantined share is within {@link MapReduceKeys#QUARANTINE_MAX_RATIO} is the staging directory renamed to
 * {@code --out} (atomic on HDFS and local file systems). An existing output is an error unless {@code --overwrite},
 * which swaps the new output in and only then deletes the old one.
 *
 * <p>Exit codes: 0 success, 1 the job failed or exceeded the error ratio, 2 bad arguments.
 */
public abstract class SiltTool extends Configured implements Tool {
    private JobResult result;
    private PrintStream out = System.out;
    private PrintStream err = System.err;

    /** The job's name in the driver, e.g. {@code aggregate}. */
    public abstract String name();

    /** One line for the driver's list. */
    public abstract String description();

    /** Adds the job's own options to the common ones. */
    protected abstract void addOptions(Options options);

    /**
     * Sets the job's mapper, combiner, partitioner, reducer, types and output format. The input format, input paths,
     * output path and quarantine are already configured.
     */
    protected abstract void configure(Job job, JobArgs args) throws IOException;

    /** The result of the last successful run, or {@code null}. */
    public JobResult result() {
        return result;
    }

    /** Where the summary and errors go; standard out and error unless set. */
    public void setStreams(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public final int run(String[] argv) throws Exception {
        Options options = JobArgs.commonOptions();
        addOptions(options);
        if (argv.length == 0 || "--help".equals(argv[0]) || "-h".equals(argv[0])) {
            printUsage(options, argv.length == 0 ? err : out);
            return argv.length == 0 ? 2 : 0;
        }
        Configuration conf = new Configuration(getConf());
        JobArgs args;
        Job job;
        Path staging;
        FileSystem fs;
        try {
            args = JobArgs.parse(options, argv);
            args.applySplitSize(conf);
            job = Job.getInstance(conf, "silt " + name());
            job.setJarByClass(getClass());
            job.setInputFormatClass(LandedInputFormat.class);
            LandedInputFormat.configureSplits(job);
            for (Path p : args.inputPaths(conf)) {
                FileInputFormat.addInputPath(job, p);
            }
            fs = args.output().getFileSystem(conf);
            Path out = fs.makeQualified(args.output());
            if (fs.exists(out) && !args.overwrite()) {
                throw new IllegalArgumentException("output " + out + " already exists; pass --overwrite to replace it");
            }
            staging = new Path(out.getParent(), "." + out.getName() + ".staging-" + UUID.randomUUID());
            FileOutputFormat.setOutputPath(job, staging);
            Quarantine.configure(job);
            configure(job, args);
            if (MapReduceKeys.COMBINER.getLong(conf) == 0) {
                // Job.setCombinerClass(null) throws; without the key the task runs no combiner.
                job.getConfiguration().unset(MRJobConfig.COMBINE_CLASS_ATTR);
            }
        } catch (IllegalArgumentException e) {
            err.println(name() + ": " + e.getMessage());
            err.println("Try '" + name() + " --help' for the options.");
            return 2;
        }

        long t0 = System.nanoTime();
        try {
            if (!job.waitForCompletion(false)) {
                err.println(name() + ": job " + job.getJobID() + " failed: " + failureReason(job));
                return 1;
            }
            // One fetch: on YARN each is a call to the application master or the history server.
            Counters counters = job.getCounters();
            // The local runner keeps no job counters; the input side counts its splits itself.
            long maps = counters.findCounter(InputCounters.COMPRESSED_FILES).getValue()
                    + counters.findCounter(InputCounters.PLAIN_SPLITS).getValue();
            JobResult r = JobResult.of(
                    name(),
                    args.output(),
                    (System.nanoTime() - t0) / 1_000_000,
                    counters,
                    job.getNumReduceTasks() == 0,
                    maps);
            double maxRatio = MapReduceKeys.QUARANTINE_MAX_RATIO.getDouble(conf);
            if (r.recordsRead() > 0 && r.quarantined() > maxRatio * r.recordsRead()) {
                err.printf(
                        Locale.ROOT,
                        "%s: %,d of %,d records (%.2f%%) were malformed, more than %s=%s allows; nothing was committed%n",
                        name(),
                        r.quarantined(),
                        r.recordsRead(),
                        100.0 * r.quarantined() / r.recordsRead(),
                        MapReduceKeys.QUARANTINE_MAX_RATIO.key(),
                        maxRatio);
                r.quarantinedBy().forEach((reason, n) -> err.printf(Locale.ROOT, "  %s: %,d%n", reason.code(), n));
                printSample(fs, new Path(staging, Quarantine.DIR), err);
                return 1;
            }
            commit(fs, staging, fs.makeQualified(args.output()));
            result = r;
            r.print(out);
            return 0;
        } finally {
            cleanup(job);
            if (fs.exists(staging)) {
                fs.delete(staging, true);
            }
        }
    }

    /** Shows the first few quarantined records, since a rejected job's output is discarded. */
    private static void printSample(FileSystem fs, Path quarantine, PrintStream err) throws IOException {
        if (!fs.exists(quarantine)) {
            return;
        }
        int shown = 0;
        for (FileStatus f : fs.listStatus(quarantine)) {
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(fs.open(f.getPath()), StandardCharsets.UTF_8))) {
                String line;
                while (shown < 3 && (line = r.readLine()) != null) {
                    err.println("  e.g. " + (line.length() > 300 ? line.substring(0, 300) + "…" : line));
                    shown++;
                }
            }
            if (shown >= 3) {
                return;
            }
        }
    }

    /** Called after the job, whatever its outcome, to remove the job's own temporary files. */
    protected void cleanup(Job job) throws IOException {}

    private static void commit(FileSystem fs, Path staging, Path out) throws IOException {
        if (!fs.exists(out)) {
            rename(fs, staging, out);
            return;
        }
        Path old = new Path(out.getParent(), "." + out.getName() + ".replaced-" + UUID.randomUUID());
        rename(fs, out, old);
        rename(fs, staging, out);
        fs.delete(old, true);
    }

    private static void rename(FileSystem fs, Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("could not rename " + from + " to " + to);
        }
    }

    /** The job's failure and the diagnostics of its first failed task attempt, which usually name the cause. */
    private static String failureReason(Job job) {
        StringBuilder sb = new StringBuilder();
        try {
            String info = job.getStatus().getFailureInfo();
            sb.append(info == null || info.isBlank() ? "see the task logs" : info.trim());
            for (TaskCompletionEvent e : job.getTaskCompletionEvents(0, 100)) {
                if (e.getStatus() == TaskCompletionEvent.Status.FAILED) {
                    String[] diagnostics = job.getTaskDiagnostics(e.getTaskAttemptId());
                    if (diagnostics != null && diagnostics.length > 0) {
                        sb.append(System.lineSeparator())
                                .append("first failed task ")
                                .append(e.getTaskAttemptId())
                                .append(": ")
                                .append(diagnostics[0].trim());
                    }
                    break;
                }
            }
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            sb.append(" (status unavailable: ").append(e.getMessage()).append(')');
        }
        return sb.toString();
    }

    private void printUsage(Options options, PrintStream to) {
        PrintWriter w = new PrintWriter(new OutputStreamWriter(to, StandardCharsets.UTF_8), true);
        new HelpFormatter()
                .printHelp(
                        w,
                        100,
                        name() + " [generic options] --in <uri> --out <uri> [options]",
                        description() + System.lineSeparator() + System.lineSeparator(),
                        options,
                        2,
                        2,
                        System.lineSeparator()
                                + "Generic options: -D key=value, -conf file, -files, -libjars (see `hadoop jar`).");
        w.flush();
    }
}
