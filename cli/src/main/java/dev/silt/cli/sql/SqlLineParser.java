package dev.silt.cli.sql;

import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.DefaultParser;

/**
 * Tells the line reader when the buffer is a whole input: a backslash command, a blank line, or statements that
 * all end with {@code ;} outside quotes and comments. Otherwise Enter adds a line (with the continuation prompt),
 * so a multi-line statement is edited and kept in history as one entry.
 */
final class SqlLineParser extends DefaultParser {
    SqlLineParser() {
        // SQL has no shell escapes: a backslash is part of the word (\d, \x)
        escapeChars(new char[0]);
        quoteChars(new char[0]);
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE && !complete(line)) {
            throw new EOFError(-1, -1, "statement not ended by ;", ";");
        }
        return super.parse(line, cursor, context);
    }

    static boolean complete(String buffer) {
        String s = buffer.strip();
        if (s.isEmpty() || s.startsWith("\\")) {
            return true;
        }
        StatementSplitter splitter = new StatementSplitter();
        splitter.feed(buffer + "\n");
        return splitter.isEmpty();
    }
}
