package dev.silt.mapreduce.event;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The fields of a clickstream event, as jobs name them on the command line. */
public enum Field {
    TS("ts", true, true),
    USER("user", false, true),
    SESSION("session", false, false),
    METHOD("method", false, false),
    URL("url", false, true),
    REFERRER("referrer", false, false),
    STATUS("status", true, true),
    BYTES("bytes", true, true),
    LATENCY_MS("latency_ms", true, true),
    COUNTRY("country", false, true),
    UA("ua", false, false),
    /** Derived: the event's UTC hour, {@code yyyy-MM-ddTHH}. */
    HOUR("hour", false, false),
    /** Derived: the event's UTC date, {@code yyyy-MM-dd}. */
    DATE("date", false, false);

    private final String jsonName;
    private final boolean numeric;
    private final boolean required;

    Field(String jsonName, boolean numeric, boolean required) {
        this.jsonName = jsonName;
        this.numeric = numeric;
        this.required = required;
    }

    public String jsonName() {
        return jsonName;
    }

    /** Whether {@link ClickEvent#getLong(Field)} is defined for this field. */
    public boolean isNumeric() {
        return numeric;
    }

    public boolean isRequired() {
        return required;
    }

    /** Looks a field up by its JSON name; unknown names are a clear error listing the valid ones. */
    public static Field of(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (Field f : values()) {
            if (f.jsonName.equals(wanted)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown field '" + name + "'; fields are: "
                + Arrays.stream(values()).map(Field::jsonName).collect(Collectors.joining(", ")));
    }

    /** Like {@link #of(String)}, and the field must be numeric. */
    public static Field numeric(String name) {
        Field f = of(name);
        if (!f.numeric) {
            throw new IllegalArgumentException("field '" + name + "' is not numeric; numeric fields are: "
                    + Arrays.stream(values())
                            .filter(Field::isNumeric)
                            .map(Field::jsonName)
                            .collect(Collectors.joining(", ")));
        }
        return f;
    }
}
