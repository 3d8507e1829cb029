package dev.silt.sql.pgwire.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.silt.sql.spi.ColumnType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Encodings and lexing the wire server relies on, checked against PostgreSQL's own outputs. */
class PgWireFormatsTest {
    @Test
    void numericBinaryRoundTripsAndMatchesPostgresLayout() {
        for (String v : List.of(
                "0",
                "0.00",
                "1",
                "-1",
                "10000",
                "12345.678",
                "-0.0001",
                "0.00012",
                "99999999.99",
                "123456789012345678",
                "1E+4")) {
            BigDecimal d = new BigDecimal(v);
            ByteBuf b = Unpooled.buffer();
            PgNumeric.write(d, b);
            int len = b.readInt();
            BigDecimal back = PgNumeric.read(b, len);
            assertEquals(0, d.compareTo(back), v);
            assertEquals(Math.max(d.scale(), 0), back.scale(), v);
        }
        // PostgreSQL sends 12345.678 as ndigits 3, weight 1, +, dscale 3, digits 1 2345 6780
        ByteBuf b = Unpooled.buffer();
        PgNumeric.write(new BigDecimal("12345.678"), b);
        assertEquals(4 + 8 + 6, b.readableBytes());
        b.skipBytes(4);
        assertEquals(3, b.readShort());
        assertEquals(1, b.readShort());
        assertEquals(0, b.readShort());
        assertEquals(3, b.readShort());
        assertEquals(1, b.readShort());
        assertEquals(2345, b.readShort());
        assertEquals(6780, b.readShort());
    }

    @Test
    void textFormatsFollowPostgres() {
        assertEquals("0.1", PgTypes.text(0.1, ColumnType.DOUBLE));
        assertEquals("1e+20", PgTypes.text(1e20, ColumnType.DOUBLE));
        assertEquals("1.5e-05", PgTypes.text(1.5e-5, ColumnType.DOUBLE));
        assertEquals("123456789012345", PgTypes.text(123456789012345.0, ColumnType.DOUBLE));
        assertEquals("-Infinity", PgTypes.text(Double.NEGATIVE_INFINITY, ColumnType.DOUBLE));
        assertEquals("NaN", PgTypes.text(Float.NaN, ColumnType.REAL));
        assertEquals("2.5", PgTypes.text(2.5f, ColumnType.REAL));
        assertEquals("t", PgTypes.text(true, ColumnType.BOOLEAN));
        assertEquals(
                "2024-02-29 13:14:15.12",
                PgTypes.text(LocalDateTime.of(2024, 2, 29, 13, 14, 15, 120_000_000), ColumnType.TIMESTAMP));
        assertEquals("2024-02-29 00:00:00", PgTypes.text(LocalDateTime.of(2024, 2, 29, 0, 0), ColumnType.TIMESTAMP));
        assertEquals("1 year 2 mons", PgTypes.text(Period.ofMonths(14), ColumnType.INTERVAL_YEAR_MONTH));
        assertEquals("3 days 04:05:06.5", PgTypes.text(Duration.parse("P3DT4H5M6.5S"), ColumnType.INTERVAL_DAY_TIME));
        assertEquals("00:00:00", PgTypes.text(Duration.ZERO, ColumnType.INTERVAL_DAY_TIME));
    }

    @Test
    void timestampsCountFromTheYear2000() {
        LocalDateTime ts = LocalDateTime.of(2000, 1, 1, 0, 0, 1);
        assertEquals(1_000_000L, PgTypes.timestampMicros(ts));
        assertEquals(ts, PgTypes.timestampFromMicros(1_000_000L));
        assertEquals(LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000), PgTypes.timestampFromMicros(-1));
    }

    @Test
    void statementsSplitOutsideQuotesAndComments() {
        List<SqlText.Statement> s =
                SqlText.split("select 'a;b' ; select \"x;\" from t -- c;\n ; /* ; */ select $$;$$;;  ");
        assertEquals(3, s.size());
        assertEquals("select 'a;b'", s.get(0).text());
        assertEquals(0, s.get(0).offset());
        assertEquals("select \"x;\" from t -- c;", s.get(1).text());
        assertEquals("/* ; */ select $$;$$", s.get(2).text());
        assertEquals(0, SqlText.split("  ; -- only a comment\n;").size());
    }

    @Test
    void parametersAreFoundAndSubstitutedOutsideQuotes() {
        String sql = "select $1, '$2', a$3, $10 from t where x = $2";
        assertEquals(10, SqlText.maxParameter(sql));
        assertEquals("select P1, '$2', a$3, P10 from t where x = P2", SqlText.substitute(sql, n -> "P" + n));
        assertEquals("'it''s'", SqlText.quote("it's"));
    }

    @Test
    void parameterLiteralsAreValidatedSoTheyCannotBecomeSql() {
        assertEquals(
                "'x''); drop table t; --'",
                PgParameters.literal(PgTypes.VARCHAR, 0, "x'); drop table t; --".getBytes(StandardCharsets.UTF_8)));
        PgParameters.BadParameter bad = assertThrows(
                PgParameters.BadParameter.class,
                () -> PgParameters.literal(PgTypes.INT4, 0, "1 or 1=1".getBytes(StandardCharsets.UTF_8)));
        assertEquals("22P02", bad.sqlState);
        assertEquals("(-5)", PgParameters.literal(PgTypes.INT4, 0, "-5".getBytes(StandardCharsets.UTF_8)));
        assertEquals("CAST(7 AS BIGINT)", PgParameters.literal(PgTypes.INT8, 1, new byte[] {0, 0, 0, 0, 0, 0, 0, 7}));
        assertEquals(
                "TIMESTAMP '2024-01-02 03:04:05.5'",
                PgParameters.literal(
                        PgTypes.TIMESTAMP, 0, "2024-01-02 03:04:05.5+01".getBytes(StandardCharsets.UTF_8)));
        assertEquals(
                "'2024-01-02 03:04:05'",
                PgParameters.literal(0, 0, "2024-01-02 03:04:05+01".getBytes(StandardCharsets.UTF_8)));
        assertEquals("CAST(NULL AS INTEGER)", PgParameters.literal(PgTypes.INT4, 0, null));
    }

    @Test
    void engineMessagesMapToSqlStates() {
        assertEquals("42601", SqlStates.of("syntax error: Encountered 'from' at line 1, column 8."));
        assertEquals("42P01", SqlStates.of("line 1, column 15: Object 'NOPE' not found"));
        assertEquals("42703", SqlStates.of("line 1, column 8: Column 'X' not found in any table"));
        assertEquals("22012", SqlStates.of("division by zero"));
        assertEquals("22003", SqlStates.of("numeric value out of range for BIGINT in MUL"));
        assertEquals("57014", SqlStates.of("query was cancelled"));
        assertEquals("53200", SqlStates.of("query exceeded its memory limit of 1024 MiB"));
        assertEquals("0A000", SqlStates.of("GROUPING SETS, ROLLUP and CUBE are not supported yet"));
        assertEquals("XX000", SqlStates.of("internal error: java.lang.NullPointerException"));
        assertEquals(12, SqlStates.position("syntax error at line 2, column 3", "select 1\nfrom x", 0));
        assertEquals(8 + 20, SqlStates.position("line 1, column 8: x", "select nope", 20));
    }
}
