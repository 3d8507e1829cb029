package dev.silt.cli.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultFormatterTest {
    private static final ResultTable TABLE = new ResultTable(
            List.of(
                    new ResultTable.Column("id", "INTEGER", true),
                    new ResultTable.Column("name", "VARCHAR", false),
                    new ResultTable.Column("price", "DECIMAL(10, 2)", true)),
            List.of(
                    Arrays.asList(1, "plain", new BigDecimal("12.50")),
                    Arrays.asList(22, null, null),
                    Arrays.asList(333, "", new BigDecimal("-0.01"))),
            -1);

    private static String format(OutputFormat f, ResultTable t) {
        StringBuilder b = new StringBuilder();
        f.formatter().format(t, "NULL", true, b);
        return b.toString();
    }

    @Test
    void alignedRightAlignsNumbersShowsNullAndCountsRows() {
        assertEquals(
                String.join(
                        "\n",
                        " id  | name  | price",
                        "-----+-------+-------",
                        "   1 | plain | 12.50",
                        "  22 | NULL  |  NULL",
                        " 333 |       | -0.01",
                        "(3 rows)",
                        ""),
                format(OutputFormat.ALIGNED, TABLE));
    }

    @Test
    void alignedMeasuresWideCharactersAndEscapesControlCharacters() {
        ResultTable t = new ResultTable(
                List.of(new ResultTable.Column("city", "VARCHAR", false), new ResultTable.Column("n", "INTEGER", true)),
                List.of(Arrays.asList("東京", 1), Arrays.asList("Zürich", 2), Arrays.asList("a\nb", 3)),
                -1);
        assertEquals(
                String.join(
                        "\n",
                        "  city  | n",
                        "--------+---",
                        " 東京   | 1",
                        " Zürich | 2",
                        " a\\nb   | 3",
                        "(3 rows)",
                        ""),
                format(OutputFormat.ALIGNED, t));
    }

    @Test
    void alignedKeepsWideValuesWholeAndSaysOneRow() {
        String wide = "x".repeat(300);
        ResultTable t =
                new ResultTable(List.of(new ResultTable.Column("v", "VARCHAR", false)), List.of(List.of(wide)), -1);
        String out = format(OutputFormat.ALIGNED, t);
        assertEquals(" " + wide + "\n", out.lines().skip(2).findFirst().orElseThrow() + "\n");
        assertEquals("-".repeat(302), out.lines().skip(1).findFirst().orElseThrow());
        assertEquals("(1 row)", out.lines().reduce((a, b) -> b).orElseThrow());
    }

    @Test
    void csvFollowsRfc4180AndTellsNullFromEmpty() {
        ResultTable t = new ResultTable(
                List.of(new ResultTable.Column("a", "VARCHAR", false), new ResultTable.Column("b,c", "VARCHAR", false)),
                List.of(
                        Arrays.asList("x", "say \"hi\""),
                        Arrays.asList(null, ""),
                        Arrays.asList("line\nbreak", "ünï,côdé")),
                -1);
        assertEquals(
                "a,\"b,c\"\r\nx,\"say \"\"hi\"\"\"\r\n,\"\"\r\n\"line\nbreak\",\"ünï,côdé\"\r\n",
                format(OutputFormat.CSV, t));
    }

    @Test
    void jsonLinesKeepTypesAndEscape() {
        ResultTable t = new ResultTable(
                List.of(
                        new ResultTable.Column("i", "BIGINT", true),
                        new ResultTable.Column("d", "DECIMAL", true),
                        new ResultTable.Column("f", "DOUBLE", true),
                        new ResultTable.Column("s", "VARCHAR", false),
                        new ResultTable.Column("b", "BOOLEAN", false),
                        new ResultTable.Column("day", "DATE", false),
                        new ResultTable.Column("ts", "TIMESTAMP", false)),
                List.of(
                        Arrays.asList(
                                7L,
                                new BigDecimal("1234567890.123456789"),
                                0.5,
                                "q\"\\\n\t→",
                                true,
                                LocalDate.of(2024, 2, 29),
                                LocalDateTime.of(2024, 1, 2, 3, 4, 5, 120_000_000)),
                        Arrays.asList(null, null, Double.NaN, null, null, null, null)),
                -1);
        assertEquals(
                "{\"i\":7,\"d\":1234567890.123456789,\"f\":0.5,\"s\":\"q\\\"\\\\\\n\\t→\",\"b\":true,"
                        + "\"day\":\"2024-02-29\",\"ts\":\"2024-01-02 03:04:05.12\"}\n"
                        + "{\"i\":null,\"d\":null,\"f\":\"NaN\",\"s\":null,\"b\":null,\"day\":null,\"ts\":null}\n",
                format(OutputFormat.JSON, t));
    }

    @Test
    void verticalShowsOneBlockPerRow() {
        assertEquals(
                String.join(
                        "\n",
                        "-[ RECORD 1 ]-",
                        "id    | 1",
                        "name  | plain",
                        "price | 12.50",
                        "-[ RECORD 2 ]-",
                        "id    | 22",
                        "name  | NULL",
                        "price | NULL",
                        "-[ RECORD 3 ]-",
                        "id    | 333",
                        "name  | ",
                        "price | -0.01",
                        "(3 rows)",
                        ""),
                format(OutputFormat.VERTICAL, TABLE));
    }

    @Test
    void emptyResults() {
        ResultTable t = new ResultTable(List.of(new ResultTable.Column("a", "INTEGER", true)), List.of(), -1);
        assertEquals(" a\n---\n(0 rows)\n", format(OutputFormat.ALIGNED, t));
        assertEquals("a\r\n", format(OutputFormat.CSV, t));
        assertEquals("", format(OutputFormat.JSON, t));
        assertEquals("(0 rows)\n", format(OutputFormat.VERTICAL, t));
    }

    @Test
    void doublesWithoutFractionPrintAsIntegersLikePsql() {
        assertEquals("3", Values.text(3.0));
        assertEquals("-0.0", Values.text(-0.0));
        assertEquals("2.5", Values.text(2.5));
        assertEquals("1.0E20", Values.text(1e20));
    }
}
