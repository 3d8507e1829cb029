package dev.silt.sql.tpch;

import dev.silt.sql.spi.Column;
import dev.silt.sql.spi.ColumnType;
import dev.silt.sql.spi.Connector;
import dev.silt.sql.spi.ConnectorTable;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code tpch} catalog: TPC-H tables generated on the fly by the {@code io.trino.tpch} generator, as Trino's
 * connector offers them. Schemas {@code tiny} (scale factor 0.01), {@code sf1}, {@code sf10}, … ({@code sfN} for
 * any positive N). Column names are the standard ones ({@code l_orderkey}); money columns are DECIMAL(12, 2),
 * keys BIGINT, dates DATE. Stateless and thread-safe.
 */
public final class TpchConnector implements Connector {
    public static final String NAME = "tpch";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> schemas() {
        return List.of("tiny", "sf1", "sf10", "sf100", "sf300", "sf1000");
    }

    /** Scale factor of a schema name, or -1 when it is not one. */
    static double scaleFactor(String schema) {
        if (schema.equals("tiny")) {
            return 0.01;
        }
        if (schema.startsWith("sf")) {
            try {
                double sf = Double.parseDouble(schema.substring(2));
                return sf > 0 ? sf : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    @Override
    public List<String> tables(String schema) {
        if (scaleFactor(schema) < 0) {
            return List.of();
        }
        List<String> r = new ArrayList<>();
        for (TpchTable<?> t : TpchTable.getTables()) {
            r.add(t.getTableName());
        }
        return r;
    }

    @Override
    public Optional<ConnectorTable> table(String schema, String table) {
        double sf = scaleFactor(schema);
        if (sf < 0) {
            return Optional.empty();
        }
        for (TpchTable<?> t : TpchTable.getTables()) {
            if (t.getTableName().equals(table)) {
                return Optional.of(new GeneratedTable(t, sf));
            }
        }
        return Optional.empty();
    }

    static ColumnType type(TpchColumn<?> c) {
        switch (c.getType().getBase()) {
            case IDENTIFIER:
                return ColumnType.BIGINT;
            case INTEGER:
                return ColumnType.INTEGER;
            case DATE:
                return ColumnType.DATE;
            case DOUBLE:
                return ColumnType.decimal(12, 2);
            default:
                return ColumnType.varchar(
                        c.getType().getPrecision().map(Long::intValue).orElse(-1));
        }
    }

    static List<Column> columns(TpchTable<?> t) {
        List<Column> r = new ArrayList<>();
        for (TpchColumn<?> c : t.getColumns()) {
            r.add(new Column(c.getColumnName().toLowerCase(Locale.ROOT), type(c), false));
        }
        return r;
    }
}
