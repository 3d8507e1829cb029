package dev.silt.mapreduce.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.mapreduce.v2.MiniMRYarnCluster;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * HDFS and YARN (with the MapReduce shuffle and history server) in this JVM, plus a way to submit the built job jar
 * exactly as {@code hadoop jar} does: a separate JVM running {@code org.apache.hadoop.util.RunJar} with a
 * configuration directory on its classpath. Start one per test class; it costs seconds and about a gigabyte.
 */
final class YarnCluster implements AutoCloseable {
    private final MiniDFSCluster dfs;
    private final MiniMRYarnCluster yarn;
    private final Path confDir;
    private final Configuration conf;

    private YarnCluster(MiniDFSCluster dfs, MiniMRYarnCluster yarn, Path confDir, Configuration conf) {
        this.dfs = dfs;
        this.yarn = yarn;
        this.confDir = confDir;
        this.conf = conf;
    }

    static YarnCluster start(Path workDir) throws IOException {
        Configuration base = new Configuration();
        base.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, workDir.resolve("dfs").toString());
        base.setInt("dfs.replication", 1);
        MiniDFSCluster dfs = new MiniDFSCluster.Builder(base).numDataNodes(1).build();
        dfs.waitActive();

        Configuration yc = new Configuration(dfs.getConfiguration(0));
        yc.set("fs.defaultFS", dfs.getFileSystem().getUri().toString());
        yc.setLong(YarnConfiguration.NM_LOG_RETAIN_SECONDS, Long.getLong("silt.it.keep.logs.seconds", 1));
        yc.setLong("yarn.nodemanager.delete.debug-delay-sec", Long.getLong("silt.it.keep.logs.seconds", 0));
        yc.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
        yc.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
        yc.setInt(YarnConfiguration.NM_PMEM_MB, 4096);
        yc.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 256);
        yc.setInt("yarn.app.mapreduce.am.resource.mb", 512);
        yc.setInt("mapreduce.map.memory.mb", 512);
        yc.setInt("mapreduce.reduce.memory.mb", 512);
        String opens = taskJvmOptions();
        yc.set("yarn.app.mapreduce.am.command-opts", "-Xmx400m " + opens);
        yc.set("mapreduce.map.java.opts", "-Xmx400m " + opens);
        yc.set("mapreduce.reduce.java.opts", "-Xmx400m " + opens);
        yc.set("yarn.nodemanager.env-whitelist", "JAVA_HOME,PATH");
        MiniMRYarnCluster yarn = new MiniMRYarnCluster("silt-it", 1);
        yarn.init(yc);
        yarn.start();

        Configuration conf = new Configuration(yarn.getConfig());
        Path confDir = Files.createDirectories(workDir.resolve("conf"));
        // Defaults files loaded later (mapred-default.xml, yarn-default.xml) would override a lone core-site.xml,
        // so every *-site.xml carries the whole configuration, as a cluster's conf directory effectively does.
        Files.writeString(
                confDir.resolve("log4j.properties"),
                "log4j.rootLogger=INFO, err\nlog4j.appender.err=org.apache.log4j.ConsoleAppender\n"
                        + "log4j.appender.err.Target=System.err\nlog4j.appender.err.layout=org.apache.log4j.PatternLayout\n"
                        + "log4j.appender.err.layout.ConversionPattern=%d{HH:mm:ss} %-5p %c{1}: %m%n\n",
                StandardCharsets.UTF_8);
        for (String site : new String[] {"core-site.xml", "hdfs-site.xml", "mapred-site.xml", "yarn-site.xml"}) {
            try (OutputStream out = Files.newOutputStream(confDir.resolve(site))) {
                conf.writeXml(out);
            }
        }
        return new YarnCluster(dfs, yarn, confDir, conf);
    }

    private static String taskJvmOptions() {
        return "--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED"
                + " --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED"
                + " --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED"
                + " --add-opens=java.base/sun.nio.ch=ALL-UNNAMED";
    }

    Configuration conf() {
        return new Configuration(conf);
    }

    FileSystem fs() throws IOException {
        return dfs.getFileSystem();
    }

    /** Outcome of a {@code hadoop jar} run. */
    record Run(int exitCode, String stdout, String stderr) {}

    /**
     * Runs {@code hadoop jar <jobJar> args…}: a new JVM with the cluster's configuration and Hadoop's jars (but not
     * this module's classes: the job's code must come from the jar) running {@code RunJar}.
     */
    Run hadoopJar(File jobJar, String... args) throws IOException, InterruptedException {
        assertTrue(jobJar.isFile(), "job jar " + jobJar + " is missing: run `mvn package` first");
        String buildDir = jobJar.getAbsoluteFile().getParent() + File.separator;
        String classpath = Arrays.stream(testClasspath().split(File.pathSeparator))
                // Nothing of this module but the job jar: its classes must come from the jar, as on a real cluster.
                .filter(e -> !e.startsWith(buildDir)
                        && !e.endsWith("/target/classes")
                        && !e.endsWith("/target/test-classes"))
                .filter(e -> !isJobJarContent(e))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.addAll(Arrays.asList(taskJvmOptions().split(" ")));
        cmd.add("-cp");
        cmd.add(confDir + File.pathSeparator + classpath);
        cmd.add("org.apache.hadoop.util.RunJar");
        cmd.add(jobJar.getAbsolutePath());
        cmd.addAll(Arrays.asList(args));
        Path outFile = Files.createTempFile(confDir, "run", ".out");
        Path errFile = Files.createTempFile(confDir, "run", ".err");
        Process p = new ProcessBuilder(cmd)
                .redirectOutput(outFile.toFile())
                .redirectError(errFile.toFile())
                .start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("hadoop jar " + String.join(" ", args) + " did not finish in 10 minutes");
        }
        return new Run(
                p.exitValue(),
                Files.readString(outFile, StandardCharsets.UTF_8),
                Files.readString(errFile, StandardCharsets.UTF_8));
    }

    /** Libraries the job jar bundles; `hadoop jar` on a cluster would not have them on its classpath. */
    private static boolean isJobJarContent(String entry) {
        String name = new File(entry).getName();
        return name.startsWith("orc-")
                || name.startsWith("hive-storage-api")
                || name.startsWith("datasketches")
                || name.startsWith("zstd-jni")
                || name.startsWith("aircompressor")
                || name.startsWith("protobuf-java-3.25");
    }

    /** The test JVM's real classpath (surefire and failsafe hide it behind a manifest-only jar). */
    private static String testClasspath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    @Override
    public void close() throws IOException {
        try {
            yarn.stop();
        } finally {
            dfs.shutdown();
        }
    }
}
