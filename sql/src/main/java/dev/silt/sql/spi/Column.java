package dev.silt.sql.spi;

import java.util.Objects;

/** A table column: its name (as users write it, lower case unless quoted), type and nullability. Immutable. */
public final class Column {
    private final String name;
    private final ColumnType type;
    private final boolean nullable;

    public Column(String name, ColumnType type, boolean nullable) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.nullable = nullable;
    }

    public String name() {
        return name;
    }

    public ColumnType type() {
        return type;
    }

    public boolean nullable() {
        return nullable;
    }

    @Override
    public String toString() {
        return name + " " + type + (nullable ? "" : " NOT NULL");
    }
}
