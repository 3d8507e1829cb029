package dev.silt.ingest.wire.internal;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP/1.1 server that carries the Kinesis wire protocol: Netty NIO event loops for the sockets, a bounded
 * pool of workers for the operations. Started once, closed once; {@link #close} stops accepting, lets running
 * operations finish and answers them, then releases the threads.
 */
public final class WireServer implements Closeable {
    private static final System.Logger LOG = System.getLogger(WireServer.class.getName());
    private static final long SHUTDOWN_WAIT_SECONDS = 30;
    /** A keep-alive connection with no traffic either way for this long is closed, so abandoned ones go away. */
    private static final long IDLE_SECONDS = 300;

    private final WireServerOptions options;
    private final RequestProcessor processor;
    private EventLoopGroup boss;
    private EventLoopGroup io;
    private ThreadPoolExecutor workers;
    private Channel serverChannel;
    private volatile boolean closed;

    public WireServer(WireServerOptions options, OperationHandler handler) {
        this(options, Map.of(KinesisWire.TARGET_PREFIX, handler));
    }

    /** A server for several protocols on one port, each handler serving the targets of its prefix. */
    public WireServer(WireServerOptions options, Map<String, OperationHandler> handlers) {
        this.options = options;
        this.processor = new RequestProcessor(handlers, options.verifier());
    }

    /** Binds and starts serving; the bound address is then {@link #address()}. */
    public synchronized void start() throws IOException {
        if (serverChannel != null || closed) {
            throw new IllegalStateException("the server was already started");
        }
        workers = new ThreadPoolExecutor(
                options.workerThreads(),
                options.workerThreads(),
                60,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(options.queueCapacity()),
                new DefaultThreadFactory("silt-kinesis-worker", true));
        boss = new NioEventLoopGroup(1, new DefaultThreadFactory("silt-kinesis-accept", true));
        io = new NioEventLoopGroup(options.ioThreads(), new DefaultThreadFactory("silt-kinesis-io", true));
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, io)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 256)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast("idle", new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS))
                                .addLast("http", new HttpServerCodec(4096, 16 * 1024, 64 * 1024))
                                .addLast("keep-alive", new HttpServerKeepAliveHandler())
                                .addLast("aggregate", new BoundedAggregator(options.maxRequestBytes()))
                                .addLast("kinesis", new KinesisHttpHandler(processor, workers));
                    }
                });
        try {
            serverChannel = bootstrap
                    .bind(new InetSocketAddress(options.bindAddress(), options.port()))
                    .sync()
                    .channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutdownThreads();
            throw new IOException("interrupted while binding", e);
        } catch (RuntimeException e) {
            shutdownThreads();
            throw new IOException(
                    "cannot listen on " + options.bindAddress().getHostAddress() + ":" + options.port() + ": "
                            + e.getMessage(),
                    e);
        }
        LOG.log(System.Logger.Level.INFO, "Kinesis wire server listening on " + address());
    }

    public WireServerOptions options() {
        return options;
    }

    public InetSocketAddress address() {
        Channel ch = serverChannel;
        if (ch == null) {
            throw new IllegalStateException("the server is not started");
        }
        return (InetSocketAddress) ch.localAddress();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        shutdownThreads();
    }

    private void shutdownThreads() {
        if (workers != null) {
            // Finish what was accepted, so that every acknowledged write was also answered.
            workers.shutdown();
            try {
                if (!workers.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "operations still running after " + SHUTDOWN_WAIT_SECONDS + " s; stopping them");
                    workers.shutdownNow();
                }
            } catch (InterruptedException e) {
                workers.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        if (io != null) {
            io.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (boss != null) {
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
