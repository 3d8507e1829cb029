package dev.silt.cli;

import dev.silt.mapreduce.SiltJobs;
import org.apache.hadoop.conf.Configuration;

/** Runs one MapReduce job by name in this JVM; {@link #IN_PROCESS} goes through the job registry. */
@FunctionalInterface
interface JobRunner {
    JobRunner IN_PROCESS = SiltJobs::run;

    /**
     * @param args job name first, then generic options and the job's arguments
     * @return the job's exit code
     */
    int run(Configuration conf, String[] args) throws Exception;
}
