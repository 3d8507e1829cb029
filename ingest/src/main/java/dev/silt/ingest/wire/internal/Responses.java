package dev.silt.ingest.wire.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/** Builds HTTP responses: successful ones and the service's error envelope, in the client's protocol. */
final class Responses {
    private Responses() {}

    static FullHttpResponse ok(WireProtocol protocol, ObjectNode body, String requestId) {
        return build(HttpResponseStatus.OK, protocol, protocol.write(body), requestId);
    }

    /** {@code {"__type": …, "message": …}} with the error's status; JSON when the protocol is not known. */
    static FullHttpResponse error(WireProtocol protocol, WireException error, String requestId) {
        WireProtocol p = protocol == null ? WireProtocol.JSON : protocol;
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("__type", error.errorType());
        if (error.getMessage() != null) {
            body.put("message", error.getMessage());
        }
        FullHttpResponse response = build(HttpResponseStatus.valueOf(error.httpStatus()), p, p.write(body), requestId);
        response.headers().set(KinesisWire.ERROR_TYPE_HEADER, error.errorType());
        return response;
    }

    private static FullHttpResponse build(
            HttpResponseStatus status, WireProtocol protocol, byte[] body, String requestId) {
        FullHttpResponse response =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, protocol.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(KinesisWire.REQUEST_ID_HEADER, requestId);
        return response;
    }
}
