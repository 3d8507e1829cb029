package dev.silt.cli.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementSplitterTest {
    private static List<String> split(String... chunks) {
        StatementSplitter s = new StatementSplitter();
        List<String> out = new ArrayList<>();
        for (String c : chunks) {
            out.addAll(s.feed(c));
        }
        return out;
    }

    @Test
    void splitsAtSemicolonsAndDropsEmptyStatements() {
        assertEquals(List.of("select 1", "select 2"), split("select 1; ;select 2;;\n"));
    }

    @Test
    void semicolonsInsideQuotesAndCommentsDoNotEndAStatement() {
        assertEquals(
                List.of("select 'a;b', \"x;y\" -- c;d\n from t /* e; /* nested; */ f; */"),
                split("select 'a;b', \"x;y\" -- c;d\n from t /* e; /* nested; */ f; */;"));
        assertEquals(List.of("select 'it''s; fine'"), split("select 'it''s; fine';"));
        assertEquals(List.of("select $$a;b$$, $tag$ c;$$; $tag$"), split("select $$a;b$$, $tag$ c;$$; $tag$;"));
    }

    @Test
    void aDollarInsideANameIsNotAQuote() {
        assertEquals(List.of("select a$b", "select 2"), split("select a$b; select 2;"));
    }

    @Test
    void statementsSpanChunksAndQuotesCutAtAnyCharacter() {
        String text = "select 'it''s', \"q\"\"x\" /* c */ -- d;\n, $t$;$t$ from t; select 2;";
        List<String> whole = split(text);
        assertEquals(2, whole.size(), whole::toString);
        for (int cut = 0; cut <= text.length(); cut++) {
            assertEquals(whole, split(text.substring(0, cut), text.substring(cut)), "cut at " + cut);
        }
        String[] chars = text.split("");
        assertEquals(whole, split(chars), "one character at a time");
    }

    @Test
    void leadingCommentsAreRemovedSoTheFirstWordIsTheStatement() {
        assertEquals(List.of("use tpch.tiny"), split("-- pick a schema\n/* really */ use tpch.tiny;"));
    }

    @Test
    void pendingAndStateTellAnUnfinishedStatement() {
        StatementSplitter s = new StatementSplitter();
        assertTrue(s.feed("select 'abc\n").isEmpty());
        assertEquals(StatementSplitter.State.SINGLE_QUOTE, s.state());
        assertFalse(s.isEmpty());
        assertEquals(List.of("select 'abc\n;'"), s.feed(";';"));
        assertTrue(s.isEmpty());
        s.feed("-- only a comment\n");
        assertTrue(s.isEmpty(), "comments alone are not a statement");
        s.feed("select 3");
        assertEquals("select 3", s.pending());
        s.reset();
        assertTrue(s.isEmpty());
        assertEquals(StatementSplitter.State.CODE, s.state());
    }

    @Test
    void theLineParserAcceptsCompleteInputOnly() {
        assertTrue(SqlLineParser.complete("select 1;"));
        assertTrue(SqlLineParser.complete("\\dt"));
        assertTrue(SqlLineParser.complete("   "));
        assertFalse(SqlLineParser.complete("select 1"));
        assertFalse(SqlLineParser.complete("select ';"));
        assertTrue(SqlLineParser.complete("select 1; -- done"));
    }
}
