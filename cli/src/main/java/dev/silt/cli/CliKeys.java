package dev.silt.cli;

import org.apache.hadoop.conf.Configuration;

/**
 * Every configuration key the {@code silt} command reads, with its default and one line of doc. Values come
 * from {@code silt-site.xml} in {@value #CONF_DIR_ENV} (or {@code ./conf}) and from {@code -D key=value}.
 */
public enum CliKeys {
    DATA_DIR("silt.data.dir", "./silt-data", "root of data the command creates (any Hadoop URI)"),
    QUICKSTART_EVENTS("silt.quickstart.events", "200000", "events the quickstart generates"),
    QUICKSTART_HOURS("silt.quickstart.hours", "6", "UTC hours the quickstart's events span"),
    QUICKSTART_SEED("silt.quickstart.seed", "42", "seed of the quickstart's generator"),
    QUICKSTART_COMPRESSION("silt.quickstart.compression", "gzip", "compression of the quickstart's raw files"),
    QUICKSTART_PREVIEW_LINES("silt.quickstart.preview.lines", "5", "result lines the quickstart shows per job"),
    STREAM_ENDPOINT("silt.stream.endpoint", "http://127.0.0.1:4567", "stream server 'silt stream' talks to");

    /** Environment variable naming the directory that holds {@value #SITE_FILE}. */
    public static final String CONF_DIR_ENV = "SILT_CONF_DIR";

    /** Used when {@value #CONF_DIR_ENV} is not set and this directory exists under the working directory. */
    public static final String DEFAULT_CONF_DIR = "conf";

    public static final String SITE_FILE = "silt-site.xml";

    /** Set to 1 to print stack traces with errors, like {@code --verbose}. */
    public static final String DEBUG_ENV = "SILT_DEBUG";

    private final String key;
    private final String defaultValue;
    private final String doc;

    CliKeys(String key, String defaultValue, String doc) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.doc = doc;
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String doc() {
        return doc;
    }

    public String get(Configuration conf) {
        return conf.getTrimmed(key, defaultValue);
    }

    /** The value as an int; a value that is not one is a usage error naming the key. */
    public int getInt(Configuration conf) throws UsageException {
        return (int) getLong(conf);
    }

    public long getLong(Configuration conf) throws UsageException {
        String value = get(conf);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UsageException(
                    key + " must be a whole number, got '" + value + "'",
                    "check the -D options and " + SITE_FILE + " (default " + defaultValue + ")");
        }
    }
}
