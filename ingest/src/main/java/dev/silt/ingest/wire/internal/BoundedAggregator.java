package dev.silt.ingest.wire.internal;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import java.util.UUID;

/**
 * Aggregates a request body up to a limit; a larger one is answered with HTTP 413 and the service's error
 * envelope (instead of Netty's empty 413). A body of known length up to four times the limit is then read and
 * dropped, so the client sees the answer and the connection goes on; anything larger closes the connection.
 * Other connections are unaffected either way.
 */
final class BoundedAggregator extends HttpObjectAggregator {
    /** Bodies up to this many times the limit are read and dropped; past it the connection is closed at once. */
    private static final long DRAIN_FACTOR = 4;

    private final int maxBytes;

    BoundedAggregator(int maxBytes) {
        super(maxBytes);
        this.maxBytes = maxBytes;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        WireProtocol protocol = WireProtocol.forContentType(oversized.headers().get(HttpHeaderNames.CONTENT_TYPE));
        String length = oversized.headers().get(HttpHeaderNames.CONTENT_LENGTH);
        WireException error = new WireException(
                KinesisWire.VALIDATION,
                "Request body " + (length == null ? "" : "of " + length + " bytes ") + "exceeds the limit of "
                        + maxBytes + " bytes (derived from silt.ingest.record.max.bytes)",
                413);
        FullHttpResponse response =
                Responses.error(protocol, error, UUID.randomUUID().toString());
        long declared = HttpUtil.getContentLength(oversized, -1L);
        if (!(oversized instanceof FullHttpMessage)
                && HttpUtil.isKeepAlive(oversized)
                && declared >= 0
                && declared <= maxBytes * DRAIN_FACTOR) {
            // Answer now and let the aggregator swallow the rest of the body: a client still sending it would
            // otherwise see a reset instead of this answer, and the connection stays usable.
            HttpUtil.setKeepAlive(response, true);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
