package dev.silt.sql.pgwire.internal;

import java.nio.charset.StandardCharsets;

/**
 * One client message: its type byte ({@link #UNTYPED} during startup) and body, with a cursor to read the body's
 * fields. Reading past the end or a string without its terminator is a {@link ProtocolException}. Not thread-safe.
 */
final class PgMessage {
    static final char UNTYPED = 0;

    final char type;
    private final byte[] body;
    private int at;

    PgMessage(char type, byte[] body) {
        this.type = type;
        this.body = body;
    }

    int remaining() {
        return body.length - at;
    }

    byte readByte() {
        need(1);
        return body[at++];
    }

    short readShort() {
        need(2);
        short v = (short) (((body[at] & 0xff) << 8) | (body[at + 1] & 0xff));
        at += 2;
        return v;
    }

    int readInt() {
        need(4);
        int v = ((body[at] & 0xff) << 24)
                | ((body[at + 1] & 0xff) << 16)
                | ((body[at + 2] & 0xff) << 8)
                | (body[at + 3] & 0xff);
        at += 4;
        return v;
    }

    /** A count that must be non-negative and fit in what is left, each item taking at least {@code minEach}. */
    int readCount(int minEach) {
        int n = readShort() & 0xffff;
        if ((long) n * minEach > remaining()) {
            throw new ProtocolException("message '" + PgFrameDecoder.printable(type) + "' announces " + n
                    + " items but is too short for them");
        }
        return n;
    }

    byte[] readBytes(int n) {
        if (n < 0) {
            throw new ProtocolException(
                    "negative length " + n + " in message '" + PgFrameDecoder.printable(type) + "'");
        }
        need(n);
        byte[] out = new byte[n];
        System.arraycopy(body, at, out, 0, n);
        at += n;
        return out;
    }

    byte[] readRest() {
        return readBytes(remaining());
    }

    String readCString() {
        for (int i = at; i < body.length; i++) {
            if (body[i] == 0) {
                String s = new String(body, at, i - at, StandardCharsets.UTF_8);
                at = i + 1;
                return s;
            }
        }
        throw new ProtocolException("unterminated string in message '" + PgFrameDecoder.printable(type) + "'");
    }

    /** The string at the cursor without moving past it, or null when there is none. */
    String peekCString() {
        for (int i = at; i < body.length; i++) {
            if (body[i] == 0) {
                return new String(body, at, i - at, StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private void need(int n) {
        if (body.length - at < n) {
            throw new ProtocolException("message '" + PgFrameDecoder.printable(type) + "' is shorter than its fields");
        }
    }
}
