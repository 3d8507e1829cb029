package dev.silt.cli;

import java.io.File;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** Builds the command's Hadoop configuration: Hadoop's defaults, then {@code silt-site.xml}, then {@code -D}. */
final class SiltConfiguration {
    private SiltConfiguration() {}

    /**
     * @param env the process environment ({@value CliKeys#CONF_DIR_ENV} is read from it)
     * @param workingDir where {@value CliKeys#DEFAULT_CONF_DIR} is looked for when the variable is unset
     * @param overrides {@code key=value} pairs from {@code -D}
     */
    static Configuration load(Map<String, String> env, File workingDir, List<String> overrides) throws UsageException {
        Configuration conf = new Configuration();
        String dir = env.get(CliKeys.CONF_DIR_ENV);
        File site;
        if (dir != null && !dir.isEmpty()) {
            File confDir = new File(dir);
            if (!confDir.isDirectory()) {
                throw new UsageException(
                        CliKeys.CONF_DIR_ENV + "=" + dir + " is not a directory",
                        "point it at the directory holding " + CliKeys.SITE_FILE + ", or unset it");
            }
            site = new File(confDir, CliKeys.SITE_FILE);
        } else {
            site = new File(new File(workingDir, CliKeys.DEFAULT_CONF_DIR), CliKeys.SITE_FILE);
        }
        if (site.isFile()) {
            conf.addResource(new Path(site.getAbsoluteFile().toURI()));
        }
        for (String pair : overrides) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new UsageException(
                        "-D expects key=value, got '" + pair + "'", "e.g. silt -D silt.data.dir=/tmp/silt quickstart");
            }
            conf.set(pair.substring(0, eq).trim(), pair.substring(eq + 1), "-D on the command line");
        }
        return conf;
    }
}
