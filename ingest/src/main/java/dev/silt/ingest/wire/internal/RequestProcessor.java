package dev.silt.ingest.wire.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Map;

/**
 * Turns one HTTP request into one response: checks the method, content type, signature and target, decodes the
 * body in the request's protocol, runs the operation and encodes its result or error in the same protocol. Runs
 * on worker threads; thread-safe.
 */
final class RequestProcessor {
    private static final System.Logger LOG = System.getLogger(RequestProcessor.class.getName());

    /** A request copied off the event loop's buffers. */
    @SuppressWarnings("ArrayRecordComponent") // the body is this request's own copy, never shared
    record Request(boolean post, String method, String uri, HttpHeaders headers, byte[] body) {}

    /** Handlers by target prefix ({@code Kinesis_20131202.}, {@code Firehose_20150804.}). */
    private final Map<String, OperationHandler> handlers;

    private final SigV4Verifier verifier;

    RequestProcessor(Map<String, OperationHandler> handlers, SigV4Verifier verifier) {
        this.handlers = Map.copyOf(handlers);
        this.verifier = verifier;
    }

    WireProtocol protocolOf(HttpHeaders headers) {
        return WireProtocol.forContentType(headers.get(HttpHeaderNames.CONTENT_TYPE));
    }

    FullHttpResponse process(Request request, String requestId) {
        WireProtocol protocol = protocolOf(request.headers());
        String operation = null;
        try {
            if (!request.post()) {
                throw new WireException(
                        KinesisWire.UNKNOWN_OPERATION, "operations are POST requests; got " + request.method(), 405);
            }
            if (protocol == null) {
                String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
                throw WireException.serialization(
                        (type == null ? "Missing Content-Type" : "Unsupported Content-Type '" + type + "'") + ": use "
                                + KinesisWire.JSON_CONTENT_TYPE + " or " + KinesisWire.CBOR_CONTENT_TYPE);
            }
            if (verifier != null) {
                verifier.verify(request.method(), request.uri(), request.headers()::getAll, request.body());
            }
            String target = request.headers().get(KinesisWire.TARGET_HEADER);
            String prefix = prefixOf(target);
            operation = target.substring(prefix.length());
            ObjectNode body = protocol.parse(request.body());
            ObjectNode result = handlers.get(prefix).handle(operation, new Members(body, protocol));
            return Responses.ok(protocol, result, requestId);
        } catch (WireException e) {
            return Responses.error(protocol, e, requestId);
        } catch (RuntimeException | Error e) {
            // Errors too: the worker thread lives on, and the client must get an answer rather than a hung call.
            LOG.log(
                    System.Logger.Level.ERROR,
                    "internal failure in " + (operation == null ? "request" : operation) + " (request id " + requestId
                            + ")",
                    e);
            WireException internal = new WireException(
                    KinesisWire.INTERNAL_FAILURE,
                    "The server failed to process the request (request id " + requestId + "); see its log",
                    500);
            return Responses.error(protocol, internal, requestId);
        }
    }

    /** The known prefix {@code target} starts with, followed by an operation name. */
    private String prefixOf(String target) throws WireException {
        String expected = String.join(
                " or ",
                handlers.keySet().stream().sorted().map(p -> p + "<Operation>").toList());
        if (target == null || target.isBlank()) {
            throw new WireException(
                    KinesisWire.UNKNOWN_OPERATION,
                    "Missing " + KinesisWire.TARGET_HEADER + " header: expected " + expected);
        }
        int dot = target.indexOf('.');
        String prefix = dot < 0 ? target : target.substring(0, dot + 1);
        if (!handlers.containsKey(prefix) || target.length() == prefix.length()) {
            throw new WireException(
                    KinesisWire.UNKNOWN_OPERATION, "Unknown operation '" + target + "': expected " + expected);
        }
        return prefix;
    }
}
