package dev.silt.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import org.apache.commons.cli.Options;
import org.apache.hadoop.util.VersionInfo;

/** {@code silt version}: silt's version and those of the runtime it runs on. */
final class VersionCommand implements Command {
    @Override
    public String name() {
        return "version";
    }

    @Override
    public String summary() {
        return "print the versions of silt, Hadoop and Java";
    }

    @Override
    public int run(CommandContext ctx, List<String> args) throws Exception {
        Options options = new Options().addOption(Usage.help());
        if (Usage.wantsHelp(args)) {
            Usage.print(ctx.out(), "silt version", "Prints the versions of silt, Hadoop and Java.", options, null);
            return 0;
        }
        Usage.parse("silt version", options, args);
        ctx.out().println("silt " + version());
        ctx.out().println("hadoop " + VersionInfo.getVersion());
        ctx.out()
                .println(
                        "java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        return 0;
    }

    /** From the build (a filtered resource); "unknown" when run from unbuilt classes. */
    static String version() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionCommand.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            p.load(in);
        }
        return p.getProperty("version", "unknown");
    }
}
