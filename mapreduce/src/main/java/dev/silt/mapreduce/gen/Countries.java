package dev.silt.mapreduce.gen;

import java.util.List;

/**
 * The countries the clickstream comes from, with the share of traffic each one sends, plus a few that send
 * none (so a left join and the dimension file have rows the events never mention). The one home for this
 * table: the generator samples it and {@link CountryDimension} writes it.
 */
public final class Countries {
    private Countries() {}

    /**
     * One country.
     *
     * @param code ISO 3166-1 alpha-2
     * @param name English short name (no commas, so the CSV needs no quoting)
     * @param region one of Americas, Europe, Asia, Africa, Oceania, Middle East
     * @param populationMillions approximate population in millions
     * @param trafficWeight relative share of clickstream traffic; 0 for countries that send none
     */
    public record Country(String code, String name, String region, double populationMillions, double trafficWeight) {}

    private static final List<Country> ALL = List.of(
            new Country("US", "United States", "Americas", 335.0, 30),
            new Country("IN", "India", "Asia", 1428.6, 9),
            new Country("DE", "Germany", "Europe", 84.5, 6),
            new Country("GB", "United Kingdom", "Europe", 68.3, 6),
            new Country("BR", "Brazil", "Americas", 216.4, 5),
            new Country("JP", "Japan", "Asia", 124.5, 5),
            new Country("FR", "France", "Europe", 68.2, 4),
            new Country("CA", "Canada", "Americas", 40.1, 3.5),
            new Country("CN", "China", "Asia", 1410.7, 3),
            new Country("KR", "South Korea", "Asia", 51.7, 2.5),
            new Country("AU", "Australia", "Oceania", 26.6, 2.5),
            new Country("IT", "Italy", "Europe", 58.9, 2.2),
            new Country("ES", "Spain", "Europe", 48.4, 2),
            new Country("MX", "Mexico", "Americas", 128.5, 2),
            new Country("NL", "Netherlands", "Europe", 17.9, 1.8),
            new Country("RU", "Russia", "Europe", 143.8, 1.5),
            new Country("ID", "Indonesia", "Asia", 277.5, 1.5),
            new Country("TR", "Turkey", "Middle East", 85.3, 1.2),
            new Country("PL", "Poland", "Europe", 36.7, 1.2),
            new Country("SE", "Sweden", "Europe", 10.5, 1),
            new Country("CH", "Switzerland", "Europe", 8.8, 0.9),
            new Country("SG", "Singapore", "Asia", 5.9, 0.9),
            new Country("VN", "Vietnam", "Asia", 98.9, 0.9),
            new Country("PH", "Philippines", "Asia", 117.3, 0.9),
            new Country("AR", "Argentina", "Americas", 46.7, 0.8),
            new Country("ZA", "South Africa", "Africa", 60.4, 0.7),
            new Country("NG", "Nigeria", "Africa", 223.8, 0.7),
            new Country("EG", "Egypt", "Africa", 112.7, 0.5),
            new Country("SA", "Saudi Arabia", "Middle East", 36.9, 0.5),
            new Country("AE", "United Arab Emirates", "Middle East", 9.5, 0.5),
            new Country("IL", "Israel", "Middle East", 9.8, 0.4),
            new Country("CO", "Colombia", "Americas", 52.1, 0.4),
            // In the dimension only: no traffic comes from these.
            new Country("NZ", "New Zealand", "Oceania", 5.2, 0),
            new Country("IS", "Iceland", "Europe", 0.4, 0),
            new Country("KE", "Kenya", "Africa", 55.1, 0),
            new Country("PE", "Peru", "Americas", 34.4, 0),
            new Country("PT", "Portugal", "Europe", 10.5, 0));

    /** Every country in the dimension, those with traffic first. */
    public static List<Country> all() {
        return ALL;
    }

    /** The countries the generator emits (traffic weight above zero), in table order. */
    public static List<Country> emitted() {
        return ALL.stream().filter(c -> c.trafficWeight() > 0).toList();
    }
}
