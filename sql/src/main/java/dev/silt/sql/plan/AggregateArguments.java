package dev.silt.sql.plan;

import dev.silt.sql.SqlException;
import java.math.BigDecimal;
import java.util.Locale;
import org.apache.calcite.plan.RelOptPredicateList;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;

/** Constant arguments of aggregate calls (the fraction of APPROX_PERCENTILE), found in the input projection. */
final class AggregateArguments {
    private AggregateArguments() {}

    static boolean isSketch(AggregateCall call) {
        String name = call.getAggregation().getName().toUpperCase(Locale.ROOT);
        return name.equals("APPROX_DISTINCT") || name.equals("APPROX_PERCENTILE");
    }

    /** The value of argument {@code k} of {@code call}, which must be a constant. */
    static Object constant(LogicalAggregate agg, AggregateCall call, int k) {
        String name = call.getAggregation().getName().toLowerCase(Locale.ROOT);
        if (call.getArgList().size() > k) {
            // constants the input guarantees, wherever they come from (a projection, VALUES, a filter)
            RelOptPredicateList preds = agg.getCluster().getMetadataQuery().getPulledUpPredicates(agg.getInput());
            RexNode e = preds.constantMap.get(
                    RexInputRef.of(call.getArgList().get(k), agg.getInput().getRowType()));
            if (e instanceof RexLiteral && !((RexLiteral) e).isNull()) {
                return ((RexLiteral) e).getValueAs(BigDecimal.class).doubleValue();
            }
        }
        throw new SqlException(
                SqlException.FEATURE_NOT_SUPPORTED, name + " needs a constant as argument " + (k + 1), null);
    }
}
