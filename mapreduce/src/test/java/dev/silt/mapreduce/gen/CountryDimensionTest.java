package dev.silt.mapreduce.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CountryDimensionTest {
    @TempDir
    Path tmp;

    @Test
    void writesHeaderAndEveryEmittedCountryPlusExtras() throws IOException {
        org.apache.hadoop.fs.Path written =
                CountryDimension.write(new Configuration(), new org.apache.hadoop.fs.Path(tmp.toUri()));
        Path file = tmp.resolve("countries.csv");
        assertEquals(file.toUri().getPath(), written.toUri().getPath());
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals("code,name,region,population_millions", lines.get(0));
        assertTrue(lines.contains("US,United States,Americas,335.0"), lines.toString());
        Set<String> codes = lines.stream().skip(1).map(l -> l.split(",")[0]).collect(Collectors.toSet());
        Set<String> emitted =
                Countries.emitted().stream().map(Countries.Country::code).collect(Collectors.toSet());
        assertTrue(codes.containsAll(emitted));
        assertTrue(codes.size() >= emitted.size() + 3, "a few countries without traffic");
        assertTrue(emitted.size() >= 30);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertEquals(4, f.length, line);
            assertTrue(f[0].matches("[A-Z]{2}"), line);
            assertTrue(Double.parseDouble(f[3]) > 0, line);
        }
        assertEquals(lines.size() - 1, codes.size(), "codes are unique");
    }

    @Test
    void writesToAnExplicitFileName() throws IOException {
        Path file = tmp.resolve("dim/c.csv");
        CountryDimension.write(new Configuration(), new org.apache.hadoop.fs.Path(file.toUri()));
        assertEquals(CountryDimension.csv(), Files.readString(file, StandardCharsets.UTF_8));
    }
}
