package dev.silt.sql.plan;

import java.time.Instant;
import java.util.Locale;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimestampString;

/**
 * Binds CURRENT_DATE, CURRENT_TIMESTAMP, LOCALTIMESTAMP and NOW() to one instant of the query's clock before
 * optimization, so every mention in a statement sees the same time (as SQL requires), the optimizer can fold
 * expressions over it, and tests can fix the clock. The session time zone is UTC.
 */
final class QueryTime {
    private QueryTime() {}

    static RelNode bind(RelNode rel, Instant now) {
        RexBuilder rb = rel.getCluster().getRexBuilder();
        long ms = now.toEpochMilli();
        RexShuttle rex = new RexShuttle() {
            @Override
            public RexNode visitCall(RexCall call) {
                String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
                switch (name) {
                    case "CURRENT_DATE":
                        return rb.makeDateLiteral(DateString.fromDaysSinceEpoch((int) Math.floorDiv(ms, 86_400_000L)));
                    case "CURRENT_TIMESTAMP":
                    case "LOCALTIMESTAMP":
                    case "NOW":
                        if (call.getType().getSqlTypeName() != SqlTypeName.TIMESTAMP) {
                            return super.visitCall(call);
                        }
                        int precision = Math.min(3, call.getType().getPrecision());
                        long unit = precision >= 3 ? 1 : precision == 2 ? 10 : precision == 1 ? 100 : 1000;
                        return rb.makeTimestampLiteral(
                                TimestampString.fromMillisSinceEpoch(Math.floorDiv(ms, unit) * unit),
                                call.getType().getPrecision());
                    default:
                        return super.visitCall(call);
                }
            }
        };
        return rel.accept(new RelHomogeneousShuttle() {
            @Override
            public RelNode visit(RelNode other) {
                return super.visit(other).accept(rex);
            }
        });
    }
}
