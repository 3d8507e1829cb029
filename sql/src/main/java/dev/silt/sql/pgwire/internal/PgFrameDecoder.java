package dev.silt.sql.pgwire.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Cuts the client's byte stream into {@link PgMessage}s. Until {@link #startupDone()} messages are untyped
 * (length, then body: SSLRequest, GSSENCRequest, CancelRequest, StartupMessage); afterwards each has a type byte.
 * A length outside 4..max is a protocol violation ({@link ProtocolException}). Runs on the channel's event loop.
 */
public final class PgFrameDecoder extends ByteToMessageDecoder {
    /** Startup packets are small; PostgreSQL caps them at 10,000 bytes. */
    private static final int MAX_STARTUP = 10_000;

    private final int maxMessage;
    private boolean startup = true;

    public PgFrameDecoder(int maxMessage) {
        this.maxMessage = maxMessage;
    }

    /** Called by the session once the StartupMessage is read: from now on messages carry a type byte. */
    void startupDone() {
        startup = false;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int header = startup ? 4 : 5;
        if (in.readableBytes() < header) {
            return;
        }
        int at = in.readerIndex();
        char type = startup ? PgMessage.UNTYPED : (char) (in.getByte(at) & 0xff);
        int length = in.getInt(startup ? at : at + 1);
        int max = startup ? MAX_STARTUP : maxMessage;
        if (length < 4 || length > max) {
            in.skipBytes(in.readableBytes());
            throw new ProtocolException(
                    startup
                            ? "invalid startup packet length " + length
                            : "invalid message length " + length + " for message type '" + printable(type) + "'");
        }
        if (in.readableBytes() < header + length - 4) {
            return;
        }
        in.skipBytes(header);
        byte[] body = new byte[length - 4];
        in.readBytes(body);
        out.add(new PgMessage(type, body));
    }

    static String printable(char c) {
        return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format(java.util.Locale.ROOT, "\\x%02x", (int) c);
    }
}
