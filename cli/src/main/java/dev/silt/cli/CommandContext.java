package dev.silt.cli;

import java.io.InputStream;
import java.io.PrintStream;
import org.apache.hadoop.conf.Configuration;

/**
 * What a command runs with.
 *
 * @param conf the loaded configuration ({@code silt-site.xml} and {@code -D} overrides applied)
 * @param in standard input, for commands that read records from it
 * @param out results and progress
 * @param err errors and warnings
 * @param verbose whether errors should carry stack traces
 */
record CommandContext(Configuration conf, InputStream in, PrintStream out, PrintStream err, boolean verbose) {}
