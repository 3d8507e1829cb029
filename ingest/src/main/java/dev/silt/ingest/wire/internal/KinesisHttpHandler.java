package dev.silt.ingest.wire.internal;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.ArrayDeque;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One connection's request handling. The event loop only queues requests; each runs on the worker executor
 * (operations may block on fsync) and its response is written back from there. Requests of one connection run
 * one at a time and are answered in order, as HTTP/1.1 pipelining requires; while one runs the connection stops
 * reading, so a client cannot queue unbounded work.
 */
final class KinesisHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final System.Logger LOG = System.getLogger(KinesisHttpHandler.class.getName());

    private final RequestProcessor processor;
    private final Executor workers;
    private final ArrayDeque<FullHttpRequest> pending = new ArrayDeque<>(); // event loop only
    private boolean busy; // event loop only

    KinesisHttpHandler(RequestProcessor processor, Executor workers) {
        super(false);
        this.processor = processor;
        this.workers = workers;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            request.release();
            WireException error = WireException.serialization(
                    "Malformed HTTP request: " + request.decoderResult().cause().getMessage());
            FullHttpResponse response =
                    Responses.error(null, error, UUID.randomUUID().toString());
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        pending.add(request);
        if (!busy) {
            startNext(ctx);
        }
    }

    private void startNext(ChannelHandlerContext ctx) {
        FullHttpRequest request = pending.poll();
        if (request == null) {
            busy = false;
            ctx.channel().config().setAutoRead(true);
            return;
        }
        busy = true;
        ctx.channel().config().setAutoRead(false);
        String requestId = UUID.randomUUID().toString();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        RequestProcessor.Request parsed = new RequestProcessor.Request(
                request.method().equals(HttpMethod.POST),
                request.method().name(),
                request.uri(),
                request.headers(),
                ByteBufUtil.getBytes(request.content()));
        request.release();
        try {
            workers.execute(() -> {
                FullHttpResponse response = processor.process(parsed, requestId);
                ctx.executor().execute(() -> respond(ctx, response, keepAlive));
            });
        } catch (RejectedExecutionException e) {
            WireException busyError = new WireException(
                    KinesisWire.SERVICE_UNAVAILABLE, "The server is busy (worker queue full); retry later", 503);
            respond(ctx, Responses.error(processor.protocolOf(parsed.headers()), busyError, requestId), keepAlive);
        }
    }

    private void respond(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
            startNext(ctx);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            releasePending();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        releasePending();
        super.channelInactive(ctx);
    }

    private void releasePending() {
        FullHttpRequest r;
        while ((r = pending.poll()) != null) {
            r.release();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            if (!busy) {
                ctx.close().addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
            }
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A reset connection or a read failure ends this connection only; the server goes on.
        LOG.log(System.Logger.Level.DEBUG, "connection " + ctx.channel().remoteAddress() + " failed", cause);
        ctx.close().addListener(f -> {
            if (!f.isSuccess()) {
                LOG.log(System.Logger.Level.DEBUG, "closing a failed connection failed too", f.cause());
            }
        });
    }
}
