package dev.silt.cli.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts SQL text into statements at semicolons that are outside quotes and comments: {@code 'strings'} (with
 * {@code ''} inside), {@code "identifiers"}, {@code -- line comments}, nested {@code /* block comments *}{@code /}
 * and PostgreSQL dollar quotes ({@code $$ … $$}, {@code $tag$ … $tag$}). Text is fed in chunks (lines, as they are
 * typed or read); a statement may span many chunks and a chunk may hold many statements.
 *
 * <p>Statements come back without their semicolon, with leading whitespace and comments removed (so {@code USE} or
 * {@code EXPLAIN} is the first word); statements that are empty or only comments are dropped. Not thread-safe.
 */
public final class StatementSplitter {
    /** Where the scanner stands at the end of the text fed so far; the console shows it in its prompt. */
    public enum State {
        CODE,
        SINGLE_QUOTE,
        DOUBLE_QUOTE,
        LINE_COMMENT,
        BLOCK_COMMENT,
        DOLLAR_QUOTE
    }

    private final StringBuilder buffer = new StringBuilder();
    private State state = State.CODE;
    private int commentDepth;
    private String dollarTag = "";
    // buffer[0, scanned) has been scanned already; scanning resumes there when more text arrives
    private int scanned;

    /** Appends {@code text} and returns the statements it completed, in order. */
    public List<String> feed(String text) {
        buffer.append(text);
        List<String> done = new ArrayList<>();
        int start = 0;
        int i = scanned;
        while (i < buffer.length()) {
            char c = buffer.charAt(i);
            char next = i + 1 < buffer.length() ? buffer.charAt(i + 1) : '\0';
            switch (state) {
                case CODE:
                    if (c == ';') {
                        addStatement(done, buffer.substring(start, i));
                        start = i + 1;
                    } else if (c == '\'') {
                        state = State.SINGLE_QUOTE;
                    } else if (c == '"') {
                        state = State.DOUBLE_QUOTE;
                    } else if (c == '-' && next == '-') {
                        state = State.LINE_COMMENT;
                        i++;
                    } else if (c == '/' && next == '*') {
                        state = State.BLOCK_COMMENT;
                        commentDepth = 1;
                        i++;
                    } else if ((c == '-' || c == '/') && i + 1 == buffer.length()) {
                        // maybe the first half of a comment opener: decide when the next character is known
                        return finish(done, start, i);
                    } else if (c == '$' && !partOfIdentifier(i)) {
                        int end = dollarTagEnd(i);
                        if (end > 0) {
                            dollarTag = buffer.substring(i, end + 1);
                            state = State.DOLLAR_QUOTE;
                            i = end;
                        } else if (end == NEED_MORE) {
                            // a tag cut by the end of the chunk: rescan it when the rest arrives
                            return finish(done, start, i);
                        }
                    }
                    break;
                case SINGLE_QUOTE:
                    if (c == '\'') {
                        if (next == '\'') {
                            i++;
                        } else if (i + 1 == buffer.length()) {
                            // '' may be split across chunks: decide when the next character is known
                            return finish(done, start, i);
                        } else {
                            state = State.CODE;
                        }
                    }
                    break;
                case DOUBLE_QUOTE:
                    if (c == '"') {
                        if (next == '"') {
                            i++;
                        } else if (i + 1 == buffer.length()) {
                            return finish(done, start, i);
                        } else {
                            state = State.CODE;
                        }
                    }
                    break;
                case LINE_COMMENT:
                    if (c == '\n') {
                        state = State.CODE;
                    }
                    break;
                case BLOCK_COMMENT:
                    if (c == '*' && next == '/') {
                        commentDepth--;
                        i++;
                        if (commentDepth == 0) {
                            state = State.CODE;
                        }
                    } else if (c == '/' && next == '*') {
                        commentDepth++;
                        i++;
                    } else if ((c == '*' || c == '/') && i + 1 == buffer.length()) {
                        return finish(done, start, i);
                    }
                    break;
                case DOLLAR_QUOTE:
                    if (c == '$'
                            && buffer.length() - i < dollarTag.length()
                            && dollarTag.startsWith(buffer.substring(i))) {
                        return finish(done, start, i);
                    }
                    if (c == '$' && buffer.indexOf(dollarTag, i) == i) {
                        i += dollarTag.length() - 1;
                        state = State.CODE;
                    }
                    break;
            }
            i++;
        }
        return finish(done, start, i);
    }

    private static final int NEED_MORE = -2;

    /** Index of the closing {@code $} of a dollar-quote tag opening at {@code i}, -1 if none, or NEED_MORE. */
    private int dollarTagEnd(int i) {
        int j = i + 1;
        while (j < buffer.length()) {
            char c = buffer.charAt(j);
            if (c == '$') {
                return j;
            }
            boolean ok = j == i + 1 ? Character.isLetter(c) || c == '_' : Character.isLetterOrDigit(c) || c == '_';
            if (!ok) {
                return -1;
            }
            j++;
        }
        return NEED_MORE;
    }

    /** A {@code $} right after an identifier character is part of a name ({@code a$b}), not a quote. */
    private boolean partOfIdentifier(int i) {
        if (i == 0) {
            return false;
        }
        char p = buffer.charAt(i - 1);
        return Character.isLetterOrDigit(p) || p == '_' || p == '$';
    }

    private List<String> finish(List<String> done, int start, int scannedTo) {
        buffer.delete(0, start);
        scanned = scannedTo - start;
        return done;
    }

    private static void addStatement(List<String> done, String raw) {
        String s = stripLeading(raw).strip();
        if (!s.isEmpty()) {
            done.add(s);
        }
    }

    /** Removes leading whitespace and comments. */
    static String stripLeading(String s) {
        int i = 0;
        while (i < s.length()) {
            if (Character.isWhitespace(s.charAt(i))) {
                i++;
            } else if (s.startsWith("--", i)) {
                int nl = s.indexOf('\n', i);
                i = nl < 0 ? s.length() : nl + 1;
            } else if (s.startsWith("/*", i)) {
                int depth = 1;
                int j = i + 2;
                while (j < s.length() && depth > 0) {
                    if (s.startsWith("/*", j)) {
                        depth++;
                        j += 2;
                    } else if (s.startsWith("*/", j)) {
                        depth--;
                        j += 2;
                    } else {
                        j++;
                    }
                }
                i = j;
            } else {
                break;
            }
        }
        return s.substring(i);
    }

    /**
     * The unfinished statement (text after the last semicolon) with leading comments removed, or an empty string
     * when there is nothing but whitespace and comments.
     */
    public String pending() {
        return stripLeading(buffer.toString()).strip();
    }

    /** True when nothing but whitespace and comments waits for a semicolon. */
    public boolean isEmpty() {
        return pending().isEmpty();
    }

    public State state() {
        return state;
    }

    /** Forgets the unfinished statement (Ctrl-C at the prompt, {@code \r}). */
    public void reset() {
        buffer.setLength(0);
        scanned = 0;
        state = State.CODE;
        commentDepth = 0;
        dollarTag = "";
    }
}
