package dev.silt.cli;

import java.util.List;

/** {@code silt sql <sub-command>}: {@code serve} runs the PostgreSQL protocol server ({@link SqlServe}). */
final class SqlCommand implements Command {
    @Override
    public String name() {
        return "sql";
    }

    @Override
    public String summary() {
        return "SQL over the PostgreSQL protocol: 'silt sql serve'";
    }

    @Override
    public int run(CommandContext ctx, List<String> args) throws Exception {
        if (!args.isEmpty() && args.get(0).equals("serve")) {
            return SqlServe.run(ctx, args.subList(1, args.size()));
        }
        if (Usage.wantsHelp(args)) {
            ctx.out().println("usage: silt sql serve [--port P] [--bind ADDRESS]");
            ctx.out().println();
            ctx.out().println("Sub-commands:");
            ctx.out().println("  serve    serve SQL over the PostgreSQL protocol (psql, JDBC, BI tools)");
            return 0;
        }
        throw new UsageException(
                args.isEmpty()
                        ? "'silt sql' needs a sub-command: serve"
                        : "unknown sub-command '" + args.get(0) + "' for 'silt sql'",
                "run 'silt sql --help' for usage");
    }
}
