package dev.silt.ingest.wire.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Builds HTTP responses: successful ones and the service's error envelope, in the client's protocol. */
final class Responses {
    private Responses() {}

    /**
     * Encodes the body straight into a pooled buffer, which the response owns: writing the response to the channel
     * releases it.
     */
    static FullHttpResponse ok(WireProtocol protocol, ObjectNode body, String requestId) {
        ByteBuf content = PooledByteBufAllocator.DEFAULT.buffer();
        try (ByteBufOutputStream out = new ByteBufOutputStream(content)) {
            protocol.write(body, out);
        } catch (IOException | RuntimeException e) {
            content.release();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        return build(HttpResponseStatus.OK, protocol, content, requestId);
    }

    /** {@code {"__type": …, "message": …}} with the error's status; JSON when the protocol is not known. */
    static FullHttpResponse error(WireProtocol protocol, WireException error, String requestId) {
        WireProtocol p = protocol == null ? WireProtocol.JSON : protocol;
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("__type", error.errorType());
        if (error.getMessage() != null) {
            body.put("message", error.getMessage());
        }
        FullHttpResponse response = build(
                HttpResponseStatus.valueOf(error.httpStatus()), p, Unpooled.wrappedBuffer(p.write(body)), requestId);
        response.headers().set(KinesisWire.ERROR_TYPE_HEADER, error.errorType());
        return response;
    }

    private static FullHttpResponse build(
            HttpResponseStatus status, WireProtocol protocol, ByteBuf body, String requestId) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, protocol.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set(KinesisWire.REQUEST_ID_HEADER, requestId);
        return response;
    }
}
