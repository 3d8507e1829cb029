package dev.silt.sql.pgwire;

import dev.silt.sql.SqlEngine;
import dev.silt.sql.memory.MemoryConnector;
import dev.silt.sql.pgwire.internal.PgFrameDecoder;
import dev.silt.sql.pgwire.internal.PgSession;
import dev.silt.sql.pgwire.internal.ServerContext;
import dev.silt.sql.tpch.TpchConnector;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves a {@link SqlEngine} over the PostgreSQL frontend/backend protocol 3.0, so psql, the PostgreSQL JDBC
 * driver and BI tools connect to silt: simple and extended queries, text and binary results, CancelRequest,
 * SQLSTATE error codes, and trust, cleartext, MD5 or SCRAM-SHA-256 authentication.
 *
 * <p>Lifecycle: {@link #open} builds the server, {@link #start} binds and serves, {@link #close} stops accepting,
 * cancels running statements, closes every session and waits for the threads to end; close is idempotent. The
 * engine belongs to the caller, who closes it after the server.
 *
 * <p>Threading: network I/O runs on two event-loop threads; statements run on a bounded pool of
 * {@link PgServerOptions#queryThreads()} threads, each session's messages in order. All methods are thread-safe.
 */
public final class PgServer implements Closeable {
    private static final System.Logger LOG = System.getLogger(PgServer.class.getName());

    private final PgServerOptions options;
    private final ServerContext context;
    private final ExecutorService queries;
    private EventLoopGroup boss;
    private EventLoopGroup io;
    private Channel channel;
    private boolean closed;

    private PgServer(SqlEngine engine, PgServerOptions options) {
        this.options = options.validate();
        AtomicInteger n = new AtomicInteger();
        this.queries = new ThreadPoolExecutor(
                options.queryThreads(),
                options.queryThreads(),
                30,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "silt-pgwire-statement-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.context = new ServerContext(engine, this.options, queries);
    }

    /** A server for {@code engine} with {@code options}; invalid options are an IllegalArgumentException. */
    public static PgServer open(SqlEngine engine, PgServerOptions options) {
        return new PgServer(engine, options);
    }

    /** Binds the address and port of the options and starts accepting connections; returns this server. */
    public synchronized PgServer start() throws IOException {
        if (closed || channel != null) {
            throw new IllegalStateException("the server was already started or closed");
        }
        boss = new NioEventLoopGroup(1);
        io = new NioEventLoopGroup(2);
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, io)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 256)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 << 10, 1 << 20))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        PgFrameDecoder decoder = new PgFrameDecoder(options.maxMessageBytes());
                        ch.pipeline().addLast(decoder, new PgSession(context, decoder));
                    }
                });
        try {
            channel = b.bind(new InetSocketAddress(options.bind(), options.port()))
                    .sync()
                    .channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutdownGroups();
            throw new IOException("interrupted while binding " + options.bind() + ":" + options.port(), e);
        } catch (RuntimeException e) {
            shutdownGroups();
            throw new IOException(
                    "cannot listen on " + options.bind() + ":" + options.port() + ": " + e.getMessage(), e);
        }
        return this;
    }

    /** The bound address (after {@link #start}). */
    public synchronized InetSocketAddress address() {
        if (channel == null) {
            throw new IllegalStateException("the server is not started");
        }
        return (InetSocketAddress) channel.localAddress();
    }

    /** The bound port (after {@link #start}); the actual one when the options asked for port 0. */
    public int port() {
        return address().getPort();
    }

    /** Sessions connected and authenticated now. */
    public int sessions() {
        return context.sessionCount();
    }

    /** Statements running on the engine now, across sessions (a cancelled or disconnected one stops counting). */
    public int runningStatements() {
        return context.runningStatements();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        context.closeAll();
        queries.shutdownNow();
        shutdownGroups();
        try {
            if (!queries.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "statements still running 10 s after the server closed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void shutdownGroups() {
        if (boss != null) {
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (io != null) {
            io.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /**
     * Serves an engine with the built-in connectors (tpch, memory) configured by {@code conf} until the JVM shuts
     * down (Ctrl-C, SIGTERM), printing one line with the address and a psql command to {@code out}. For {@code silt
     * sql serve}. Bad configuration is an IllegalArgumentException naming the key.
     */
    public static void serve(Map<String, String> conf, PrintStream out) throws IOException, InterruptedException {
        SqlEngine engine = SqlEngine.create(List.of(new MemoryConnector(), new TpchConnector()), conf);
        PgServer server;
        try {
            server = open(engine, PgServerOptions.from(conf)).start();
        } catch (IOException | RuntimeException e) {
            engine.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                server.close();
                            } finally {
                                engine.close();
                                stopped.countDown();
                            }
                        },
                        "silt-pgwire-shutdown"));
        out.println(banner(server));
        out.flush();
        stopped.await();
    }

    /** One line for the console: where the server listens and how to connect. */
    public static String banner(PgServer server) {
        InetSocketAddress a = server.address();
        String host = a.getAddress().getHostAddress();
        return "silt SQL (PostgreSQL protocol) on " + host + ":" + a.getPort() + "  -  psql -h " + host + " -p "
                + a.getPort() + " -U silt silt   |   jdbc:postgresql://" + host + ":" + a.getPort() + "/silt";
    }
}
