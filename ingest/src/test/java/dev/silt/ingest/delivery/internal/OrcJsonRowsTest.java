package dev.silt.ingest.delivery.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DecimalColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.StructColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.TimestampColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.junit.jupiter.api.Test;

class OrcJsonRowsTest {
    private static final OrcJsonRows ROWS = new OrcJsonRows("struct<b:boolean,t:tinyint,i:int,l:bigint,d:double,"
            + "m:decimal(6,2),s:string,bin:binary,day:date,ts:timestamp,geo:struct<lat:double,city:string>>");

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(BytesColumnVector v, int row) {
        return new String(v.vector[row], v.start[row], v.length[row], StandardCharsets.UTF_8);
    }

    @Test
    void fillsEveryTypeAndNestedStruct() {
        VectorizedRowBatch batch = ROWS.schema().createRowBatch();
        String record = "{\"b\":true,\"t\":-7,\"i\":123456,\"l\":9007199254740993,\"d\":1.5,\"m\":\"1234.5\","
                + "\"s\":\"héllo\",\"bin\":\"AAEC\",\"day\":\"2026-11-23\",\"ts\":\"2026-11-23T05:06:07.089Z\","
                + "\"geo\":{\"lat\":52.5,\"city\":\"Berlin\",\"extra\":[1,{\"x\":2}]},\"unknown\":{\"deep\":[1,2]}}";
        assertNull(ROWS.fill(batch, 0, json(record)));
        assertEquals(1, ((LongColumnVector) batch.cols[0]).vector[0]);
        assertEquals(-7, ((LongColumnVector) batch.cols[1]).vector[0]);
        assertEquals(123456, ((LongColumnVector) batch.cols[2]).vector[0]);
        assertEquals(9007199254740993L, ((LongColumnVector) batch.cols[3]).vector[0]);
        assertEquals(1.5, ((DoubleColumnVector) batch.cols[4]).vector[0]);
        assertEquals(
                "1234.5",
                ((DecimalColumnVector) batch.cols[5]).vector[0].getHiveDecimal().toString());
        assertEquals("héllo", text((BytesColumnVector) batch.cols[6], 0));
        BytesColumnVector bin = (BytesColumnVector) batch.cols[7];
        byte[] decoded = new byte[bin.length[0]];
        System.arraycopy(bin.vector[0], bin.start[0], decoded, 0, decoded.length);
        assertArrayEquals(new byte[] {0, 1, 2}, decoded);
        assertEquals(LocalDate.of(2026, 11, 23).toEpochDay(), ((LongColumnVector) batch.cols[8]).vector[0]);
        assertEquals(
                Instant.parse("2026-11-23T05:06:07.089Z").toEpochMilli(),
                ((TimestampColumnVector) batch.cols[9]).getTime(0));
        StructColumnVector geo = (StructColumnVector) batch.cols[10];
        assertFalse(geo.isNull[0]);
        assertEquals(52.5, ((DoubleColumnVector) geo.fields[0]).vector[0]);
        assertEquals("Berlin", text((BytesColumnVector) geo.fields[1], 0));
        for (int c = 0; c < batch.cols.length; c++) {
            assertFalse(batch.cols[c].isNull[0], "column " + c);
        }
    }

    @Test
    void absentAndNullFieldsAreNullsAndTheLastRepeatedFieldCounts() {
        VectorizedRowBatch batch = ROWS.schema().createRowBatch();
        assertNull(ROWS.fill(batch, 0, json("{\"i\":1,\"i\":2,\"s\":\"x\",\"s\":null,\"geo\":null}")));
        assertEquals(2, ((LongColumnVector) batch.cols[2]).vector[0]);
        assertFalse(batch.cols[2].isNull[0]);
        assertTrue(batch.cols[6].isNull[0], "a later null replaces an earlier value");
        assertTrue(batch.cols[0].isNull[0]);
        StructColumnVector geo = (StructColumnVector) batch.cols[10];
        assertTrue(geo.isNull[0]);
        assertTrue(geo.fields[0].isNull[0]);
        // a second row into the same batch: nothing of the first leaks into it
        assertNull(ROWS.fill(batch, 1, json("{\"geo\":{\"city\":\"Oslo\"}}")));
        assertTrue(batch.cols[2].isNull[1]);
        assertFalse(((StructColumnVector) batch.cols[10]).isNull[1]);
        assertTrue(((StructColumnVector) batch.cols[10]).fields[0].isNull[1]);
        assertEquals("Oslo", text((BytesColumnVector) ((StructColumnVector) batch.cols[10]).fields[1], 1));
    }

    @Test
    void numbersAndScalarsBecomeStrings() {
        VectorizedRowBatch batch = ROWS.schema().createRowBatch();
        assertNull(ROWS.fill(batch, 0, json("{\"s\":42}")));
        assertEquals("42", text((BytesColumnVector) batch.cols[6], 0));
        assertNull(ROWS.fill(batch, 1, json("{\"s\":false}")));
        assertEquals("false", text((BytesColumnVector) batch.cols[6], 1));
        assertNull(ROWS.fill(batch, 2, json("{\"ts\":1763874367089,\"d\":3}")));
        assertEquals(1763874367089L, ((TimestampColumnVector) batch.cols[9]).getTime(2));
        assertEquals(3.0, ((DoubleColumnVector) batch.cols[4]).vector[2]);
    }

    @Test
    void valuesOfTheWrongKindAreRefusedWithTheColumnAndValue() {
        assertEquals("column 'b' expects boolean, got \"yes\"", ROWS.check(json("{\"b\":\"yes\"}")));
        assertEquals("column 't' expects tinyint, got 200", ROWS.check(json("{\"t\":200}")));
        assertEquals("column 'i' expects int, got 1.5", ROWS.check(json("{\"i\":1.5}")));
        assertEquals(
                "column 'l' expects bigint, got 99999999999999999999",
                ROWS.check(json("{\"l\":99999999999999999999}")));
        assertEquals("column 'd' expects double, got \"1\"", ROWS.check(json("{\"d\":\"1\"}")));
        assertEquals("column 'm' expects decimal(6,2), got 123456.5", ROWS.check(json("{\"m\":123456.5}")));
        assertEquals("column 'm' expects decimal(6,2), got \"abc\"", ROWS.check(json("{\"m\":\"abc\"}")));
        assertEquals("column 's' expects string, got an object", ROWS.check(json("{\"s\":{\"a\":1}}")));
        assertEquals("column 's' expects string, got an array", ROWS.check(json("{\"s\":[1]}")));
        assertEquals("column 'bin': not base64 text", ROWS.check(json("{\"bin\":\"***\"}")));
        assertEquals("column 'day' expects date, got \"23.11.2026\"", ROWS.check(json("{\"day\":\"23.11.2026\"}")));
        assertEquals("column 'ts' expects timestamp, got \"yesterday\"", ROWS.check(json("{\"ts\":\"yesterday\"}")));
        assertEquals("column 'geo.lat' expects double, got true", ROWS.check(json("{\"geo\":{\"lat\":true}}")));
        assertEquals("column 'geo' expects struct<lat:double,city:string>, got 5", ROWS.check(json("{\"geo\":5}")));
        assertNull(ROWS.check(json("{\"i\":7}")), "the scratch row does not remember an earlier failure");
    }

    @Test
    void nonObjectsAndBrokenJsonAreRefused() {
        assertEquals("not a JSON object", ROWS.check(json("[1,2]")));
        assertEquals("not a JSON object", ROWS.check(json("17")));
        assertEquals("not a JSON object", ROWS.check(json("")));
        assertTrue(ROWS.check(json("{\"i\":1")).startsWith("not JSON: "), ROWS.check(json("{\"i\":1")));
        assertTrue(ROWS.check(json("{\"i\":1}{")).startsWith("not JSON: "));
        assertTrue(ROWS.check(json("{i:1}")).startsWith("not JSON: "));
    }

    @Test
    void unsupportedSchemasAreRefusedWhenBuilt() {
        IllegalArgumentException list =
                assertThrows(IllegalArgumentException.class, () -> new OrcJsonRows("struct<a:array<int>>"));
        assertTrue(list.getMessage().contains("column 'a'"), list.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new OrcJsonRows("int"));
        assertThrows(IllegalArgumentException.class, () -> new OrcJsonRows("struct<a:int"));
    }
}
