package dev.silt.mapreduce.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.silt.mapreduce.event.MalformedRecordException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class DimensionTableTest {
    @Test
    void splitsRfc4180Lines() throws Exception {
        assertEquals(List.of("a", "b", ""), CsvLine.parse("a,b,"));
        assertEquals(List.of(""), CsvLine.parse(""));
        assertEquals(List.of("a,b", "say \"hi\"", " x "), CsvLine.parse("\"a,b\",\"say \"\"hi\"\"\", x "));
        assertEquals(List.of("", ""), CsvLine.parse("\"\","));
        for (String bad : new String[] {"\"open", "a\"b,c", "\"a\"b,c", "x,\"y"}) {
            assertThrows(MalformedRecordException.class, () -> CsvLine.parse(bad), bad);
        }
    }

    @Test
    void checksRowsAgainstTheHeader() throws Exception {
        DimensionTable t = new DimensionTable("\uFEFFcode,name,region", "code", "country");
        assertEquals(List.of("country_name", "country_region"), t.fieldNames());
        byte[] row = "US,United States,Americas".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("US", "United States", "Americas"), t.row(row, row.length));
        for (String bad : new String[] {"US,x", ",x,y", "US,\"x,y", "US,x,y,z"}) {
            byte[] b = bad.getBytes(StandardCharsets.UTF_8);
            assertThrows(MalformedRecordException.class, () -> t.row(b, b.length), bad);
        }
        byte[] notUtf8 = {'U', 'S', ',', (byte) 0xC3, ',', 'x'};
        assertThrows(MalformedRecordException.class, () -> t.row(notUtf8, notUtf8.length));
        assertThrows(IllegalArgumentException.class, () -> new DimensionTable("code,name", "iso", "country"));
        assertThrows(IllegalArgumentException.class, () -> new DimensionTable("code,code", "code", "country"));
    }

    @Test
    void loadsDuplicateKeysAndReportsBadRowsWithLineAndOffset() throws Exception {
        String csv = "code,name\r\nUS,United States\r\nUS,USA\nDE\n\nFR,France\n";
        List<String> bad = new ArrayList<>();
        DimensionTable t = DimensionTable.load(
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                new Configuration(false),
                "code",
                "country",
                (line, offset, bytes, length, detail) ->
                        bad.add(line + "@" + offset + ":" + new String(bytes, 0, length, StandardCharsets.UTF_8)));
        assertEquals(List.of(List.of("United States"), List.of("USA")), t.lookup("US"));
        assertEquals(List.of(List.of("France")), t.lookup("FR"));
        assertEquals(List.of(), t.lookup("DE"));
        assertEquals(3, t.rowCount());
        assertEquals(List.of("4@" + csv.indexOf("DE\n") + ":DE"), bad);
    }
}
