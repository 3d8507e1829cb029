package dev.silt.mapreduce.gen;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes the countries dimension as CSV ({@code code,name,region,population_millions}, header first), covering
 * every country the clickstream generator emits and a few it never does.
 */
public final class CountryDimension {
    /** The file name used when the target is a directory. */
    public static final String FILE_NAME = "countries.csv";

    public static final String HEADER = "code,name,region,population_millions";

    private CountryDimension() {}

    /** The whole file's content. */
    public static String csv() {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Countries.Country c : Countries.all()) {
            sb.append(c.code())
                    .append(',')
                    .append(c.name())
                    .append(',')
                    .append(c.region())
                    .append(',')
                    .append(String.format(Locale.ROOT, "%.1f", c.populationMillions()))
                    .append('\n');
        }
        return sb.toString();
    }

    /**
     * Writes the dimension to {@code target} on any Hadoop file system, replacing an existing file. If
     * {@code target} is an existing directory, the file {@value #FILE_NAME} is written inside it.
     *
     * @return the path written
     */
    public static Path write(Configuration conf, Path target) throws IOException {
        FileSystem fs = target.getFileSystem(conf);
        Path file = fs.exists(target) && fs.getFileStatus(target).isDirectory() ? new Path(target, FILE_NAME) : target;
        try (OutputStream out = fs.create(file, true)) {
            out.write(csv().getBytes(StandardCharsets.UTF_8));
        }
        return fs.makeQualified(file);
    }
}
