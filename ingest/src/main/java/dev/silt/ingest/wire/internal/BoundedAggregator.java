package dev.silt.ingest.wire.internal;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import java.util.UUID;

/**
 * Aggregates a request body up to a limit; a larger one is answered with HTTP 413 and the service's error
 * envelope (instead of Netty's empty 413), and the connection is closed because the rest of the body is still
 * on its way. Other connections are unaffected.
 */
final class BoundedAggregator extends HttpObjectAggregator {
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
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
