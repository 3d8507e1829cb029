package dev.silt.mapreduce.jobs;

import dev.silt.mapreduce.event.ClickEvent;
import dev.silt.mapreduce.event.Timestamps;
import dev.silt.mapreduce.job.EventMapper;
import dev.silt.mapreduce.job.JobArgs;
import dev.silt.mapreduce.job.SiltTool;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.io.WritableUtils;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;
import org.apache.hadoop.util.ToolRunner;

/**
 * Per-user sessions: a user's events in time order, cut wherever two consecutive events are more than the
 * inactivity gap apart. Secondary sort delivers each user's events sorted by time (key = (user, ts), partitioned and
 * grouped by user), so a reducer holds one event at a time, however active the user.
 *
 * <p>No combiner: a session can span map tasks, so partial sessions cannot be closed on the map side.
 *
 * <p>Output: {@code user \t session# \t start \t end \t duration_s \t events \t bytes \t first_url \t last_url}.
 */
public final class Sessionize extends SiltTool {
    static final String GAP_MS = "silt.sessionize.gap.ms";

    @Override
    public String name() {
        return "sessionize";
    }

    @Override
    public String description() {
        return "per-user sessions split by an inactivity gap (secondary sort by time)";
    }

    @Override
    protected void addOptions(Options options) {
        options.addOption(Option.builder()
                .longOpt("gap")
                .hasArg()
                .argName("duration")
                .desc("inactivity that ends a session: 30m, 1h, 90s (default 30m)")
                .build());
    }

    @Override
    protected void configure(Job job, JobArgs args) {
        Configuration conf = job.getConfiguration();
        conf.setLong(GAP_MS, parseGap(args.get("gap", "30m")));
        job.setMapperClass(SessionMapper.class);
        job.setReducerClass(SessionReducer.class);
        job.setPartitionerClass(GroupValueKey.GroupPartitioner.class);
        job.setSortComparatorClass(GroupValueKey.Ascending.class);
        job.setGroupingComparatorClass(GroupValueKey.GroupComparator.class);
        job.setMapOutputKeyClass(GroupValueKey.class);
        job.setMapOutputValueClass(PageView.class);
        job.setOutputKeyClass(NullWritable.class);
        job.setOutputValueClass(Text.class);
        job.setOutputFormatClass(TextOutputFormat.class);
        job.setNumReduceTasks(args.reducers(conf, 1));
    }

    /** Parses {@code 30m}, {@code 1h}, {@code 45s}, {@code 1500ms} or an ISO-8601 duration into milliseconds. */
    static long parseGap(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long ms;
        try {
            if (t.startsWith("p")) {
                ms = Duration.parse(text.trim()).toMillis();
            } else if (t.endsWith("ms")) {
                ms = Long.parseLong(t.substring(0, t.length() - 2));
            } else if (t.endsWith("s")) {
                ms = Long.parseLong(t.substring(0, t.length() - 1)) * 1000;
            } else if (t.endsWith("m")) {
                ms = Long.parseLong(t.substring(0, t.length() - 1)) * 60_000;
            } else if (t.endsWith("h")) {
                ms = Long.parseLong(t.substring(0, t.length() - 1)) * 3_600_000;
            } else {
                throw new NumberFormatException("no unit");
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "--gap must be a duration such as 30m, 1h or 90s, not '" + text + "'", e);
        }
        if (ms <= 0) {
            throw new IllegalArgumentException("--gap must be positive, not '" + text + "'");
        }
        return ms;
    }

    /** What a session needs of one event besides its user and time. */
    public static final class PageView implements Writable {
        private final Text url = new Text();
        private long bytes;

        public void set(String url, long bytes) {
            this.url.set(url);
            this.bytes = bytes;
        }

        public Text url() {
            return url;
        }

        public long bytes() {
            return bytes;
        }

        @Override
        public void write(DataOutput out) throws IOException {
            url.write(out);
            WritableUtils.writeVLong(out, bytes);
        }

        @Override
        public void readFields(DataInput in) throws IOException {
            url.readFields(in);
            bytes = WritableUtils.readVLong(in);
        }
    }

    /** Emits ((user, ts), page view). */
    public static final class SessionMapper extends EventMapper<GroupValueKey, PageView> {
        private final GroupValueKey key = new GroupValueKey();
        private final PageView view = new PageView();

        @Override
        protected void mapEvent(ClickEvent event, Context context) throws IOException, InterruptedException {
            key.set(event.user(), event.tsMillis());
            view.set(event.url(), event.bytes());
            context.write(key, view);
        }
    }

    /** Walks one user's events in time order and closes a session at every gap. */
    public static final class SessionReducer extends Reducer<GroupValueKey, PageView, NullWritable, Text> {
        private final Text line = new Text();
        private long gap;

        @Override
        protected void setup(Context context) {
            gap = context.getConfiguration().getLong(GAP_MS, 30 * 60_000L);
        }

        @Override
        protected void reduce(GroupValueKey key, Iterable<PageView> views, Context context)
                throws IOException, InterruptedException {
            String user = key.group().toString();
            int session = 0;
            long start = 0;
            long last = 0;
            long events = 0;
            long bytes = 0;
            String firstUrl = null;
            String lastUrl = null;
            // The key advances with the values: key.value() is the time of the current view.
            for (PageView v : views) {
                long ts = key.value();
                if (events > 0 && ts - last > gap) {
                    emit(context, user, session++, start, last, events, bytes, firstUrl, lastUrl);
                    events = 0;
                }
                if (events == 0) {
                    start = ts;
                    bytes = 0;
                    firstUrl = v.url().toString();
                }
                events++;
                bytes += v.bytes();
                last = ts;
                lastUrl = v.url().toString();
            }
            if (events > 0) {
                emit(context, user, session, start, last, events, bytes, firstUrl, lastUrl);
            }
        }

        private void emit(
                Context context,
                String user,
                int session,
                long start,
                long end,
                long events,
                long bytes,
                String firstUrl,
                String lastUrl)
                throws IOException, InterruptedException {
            line.set(String.join(
                    "\t",
                    user,
                    Integer.toString(session),
                    Timestamps.format(start),
                    Timestamps.format(end),
                    Long.toString((end - start) / 1000),
                    Long.toString(events),
                    Long.toString(bytes),
                    firstUrl,
                    lastUrl));
            context.write(NullWritable.get(), line);
        }
    }

    public static void main(String[] args) throws Exception {
        // exit-ok: entry point of this job in the job jar's driver.
        System.exit(ToolRunner.run(new Sessionize(), args));
    }
}
