package dev.silt.sql.pgwire.internal;

import dev.silt.sql.pgwire.PgServerOptions;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client connection: startup, authentication and CancelRequest on the channel's event loop; after that every
 * message is queued and handled in order by {@link Conversation} on the server's statement pool, so a slow query
 * never blocks the event loop and at most {@code query-threads} statements run at once. Disconnecting cancels the
 * running statement.
 */
public final class PgSession extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(PgSession.class.getName());

    private static final int SSL_REQUEST = 80877103;
    private static final int GSSENC_REQUEST = 80877104;
    private static final int CANCEL_REQUEST = 80877102;
    private static final int PROTOCOL_3 = 196608;
    /** Queued messages past which the session stops reading from the socket until its worker catches up. */
    private static final int MAX_QUEUED = 256;

    private enum Phase {
        STARTUP,
        AUTH,
        READY,
        CLOSED
    }

    private final ServerContext server;
    private final PgFrameDecoder decoder;
    private final Queue<PgMessage> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final Object writable = new Object();
    private ChannelHandlerContext ctx;
    private Phase phase = Phase.STARTUP;
    private boolean counted;
    private String user;
    private Map<String, String> startup;
    private int pid;
    private int secret;
    private byte[] md5Salt;
    private Scram.Exchange scram;
    private Conversation conversation;
    private volatile boolean closed;

    public PgSession(ServerContext server, PgFrameDecoder decoder) {
        this.server = server;
        this.decoder = decoder;
    }

    int secret() {
        return secret;
    }

    ChannelHandlerContext context() {
        return ctx;
    }

    boolean isClosed() {
        return closed;
    }

    /** Cancels the statement running now, if any (CancelRequest, disconnect). */
    void cancelRunning() {
        Conversation c = conversation;
        if (c != null) {
            c.cancel();
        }
    }

    void shutdown() {
        closed = true;
        cancelRunning();
        ctx.channel().close();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext c) {
        this.ctx = c;
    }

    @Override
    public void channelRead(ChannelHandlerContext c, Object msg) {
        PgMessage m = (PgMessage) msg;
        switch (phase) {
            case STARTUP:
                startup(m);
                return;
            case AUTH:
                authenticate(m);
                return;
            case READY:
                queue.add(m);
                if (queue.size() > MAX_QUEUED) {
                    c.channel().config().setAutoRead(false);
                }
                schedule();
                return;
            default:
                // closing: whatever the client still sends is dropped
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext c) {
        synchronized (writable) {
            writable.notifyAll();
        }
        c.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext c) {
        closed = true;
        phase = Phase.CLOSED;
        cancelRunning();
        synchronized (writable) {
            writable.notifyAll();
        }
        if (pid != 0) {
            server.sessions.remove(pid, this);
        }
        if (counted) {
            server.open.decrementAndGet();
            counted = false;
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
        Throwable t = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (t instanceof ProtocolException) {
            fatal(SqlStates.PROTOCOL_VIOLATION, t.getMessage());
        } else if (t instanceof IOException) {
            LOG.log(System.Logger.Level.DEBUG, "connection lost: {0}", t.toString());
            c.close();
        } else {
            LOG.log(System.Logger.Level.WARNING, "closing a session after an unexpected error", t);
            fatal(SqlStates.INTERNAL, "internal error: " + t);
        }
    }

    /** Sends a FATAL error and closes the connection once it is written. */
    void fatal(String sqlState, String message) {
        closed = true;
        phase = Phase.CLOSED;
        cancelRunning();
        ByteBuf out = ctx.alloc().buffer();
        PgOutput.error(out, 'E', "FATAL", sqlState, message, 0);
        ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
    }

    private void startup(PgMessage m) {
        int code = m.readInt();
        if (code == SSL_REQUEST || code == GSSENC_REQUEST) {
            // no encryption here: 'N' tells the client to go on in the clear (or give up, if it requires it)
            ctx.writeAndFlush(ctx.alloc().buffer(1).writeByte('N'));
            return;
        }
        if (code == CANCEL_REQUEST) {
            int targetPid = m.readInt();
            int key = m.readInt();
            server.cancel(targetPid, key);
            phase = Phase.CLOSED;
            ctx.close();
            return;
        }
        if ((code >>> 16) != 3) {
            fatal(
                    SqlStates.FEATURE_NOT_SUPPORTED,
                    "unsupported frontend protocol " + (code >>> 16) + "." + (code & 0xffff)
                            + ": the server supports 3.0");
            return;
        }
        startup = new LinkedHashMap<>();
        java.util.List<String> unknown = new java.util.ArrayList<>();
        while (m.remaining() > 1) {
            String name = m.readCString();
            String value = m.readCString();
            if (name.startsWith("_pq_.")) {
                unknown.add(name);
            } else {
                startup.put(name, value);
            }
        }
        decoder.startupDone();
        if (code != PROTOCOL_3 || !unknown.isEmpty()) {
            ByteBuf out = ctx.alloc().buffer();
            out.writeByte('v');
            int at = out.writerIndex();
            out.writeInt(0).writeInt(PROTOCOL_3).writeInt(unknown.size());
            for (String u : unknown) {
                out.writeCharSequence(u, StandardCharsets.UTF_8);
                out.writeByte(0);
            }
            out.setInt(at, out.writerIndex() - at);
            ctx.write(out);
        }
        user = startup.get("user");
        if (user == null || user.isEmpty()) {
            fatal(SqlStates.INVALID_AUTHORIZATION, "no PostgreSQL user name specified in startup packet");
            return;
        }
        if (server.open.incrementAndGet() > server.options.maxSessions()) {
            server.open.decrementAndGet();
            fatal(
                    SqlStates.TOO_MANY_CONNECTIONS,
                    "sorry, too many clients already (" + dev.silt.sql.SqlKeys.PGWIRE_MAX_SESSIONS.key() + " is "
                            + server.options.maxSessions() + ")");
            return;
        }
        counted = true;
        PgServerOptions.Auth auth = server.options.auth();
        if (auth == PgServerOptions.Auth.TRUST) {
            ready();
            return;
        }
        phase = Phase.AUTH;
        ByteBuf out = ctx.alloc().buffer();
        switch (auth) {
            case PASSWORD:
                PgOutput.auth(out, PgOutput.AUTH_CLEARTEXT, null);
                break;
            case MD5:
                md5Salt = new byte[4];
                server.random().nextBytes(md5Salt);
                PgOutput.auth(out, PgOutput.AUTH_MD5, md5Salt);
                break;
            default:
                byte[] mech = (Scram.MECHANISM + "\0\0").getBytes(StandardCharsets.US_ASCII);
                PgOutput.auth(out, PgOutput.AUTH_SASL, mech);
        }
        ctx.writeAndFlush(out);
    }

    private void authenticate(PgMessage m) {
        if (m.type != 'p') {
            throw new ProtocolException("expected a password message during authentication, got '"
                    + PgFrameDecoder.printable(m.type) + "'");
        }
        String password = server.options.users().get(user);
        String denied = "password authentication failed for user \"" + user + "\"";
        switch (server.options.auth()) {
            case PASSWORD: {
                String given = m.readCString();
                if (password == null || !MessageDigest.isEqual(bytes(given), bytes(password))) {
                    fatal(SqlStates.INVALID_PASSWORD, denied);
                    return;
                }
                ready();
                return;
            }
            case MD5: {
                String given = m.readCString();
                if (password == null
                        || !MessageDigest.isEqual(bytes(given), bytes(Scram.md5Response(user, password, md5Salt)))) {
                    fatal(SqlStates.INVALID_PASSWORD, denied);
                    return;
                }
                ready();
                return;
            }
            default:
                scram(m, denied);
        }
    }

    private void scram(PgMessage m, String denied) {
        Scram.Credentials credentials = server.scram.get(user);
        try {
            if (scram == null) {
                String mechanism = m.readCString();
                if (!mechanism.equals(Scram.MECHANISM)) {
                    fatal(SqlStates.PROTOCOL_VIOLATION, "SASL mechanism " + mechanism + " is not supported");
                    return;
                }
                int len = m.readInt();
                String clientFirst = new String(m.readBytes(len), StandardCharsets.UTF_8);
                if (credentials == null) {
                    fatal(SqlStates.INVALID_PASSWORD, denied);
                    return;
                }
                scram = new Scram.Exchange(credentials, server.random());
                ByteBuf out = ctx.alloc().buffer();
                PgOutput.auth(out, PgOutput.AUTH_SASL_CONTINUE, bytes(scram.serverFirst(clientFirst)));
                ctx.writeAndFlush(out);
                return;
            }
            String serverFinal = scram.serverFinal(new String(m.readRest(), StandardCharsets.UTF_8));
            ByteBuf out = ctx.alloc().buffer();
            PgOutput.auth(out, PgOutput.AUTH_SASL_FINAL, bytes(serverFinal));
            ctx.write(out);
            ready();
        } catch (Scram.Failure f) {
            fatal(
                    f.protocol ? SqlStates.PROTOCOL_VIOLATION : SqlStates.INVALID_PASSWORD,
                    f.protocol ? f.getMessage() : denied);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void ready() {
        pid = server.nextPid();
        secret = server.random().nextInt();
        SessionCommands commands =
                new SessionCommands(user, startup.getOrDefault("database", user), pid, optionsOf(startup));
        conversation = new Conversation(this, server, commands);
        ByteBuf out = ctx.alloc().buffer();
        PgOutput.auth(out, PgOutput.AUTH_OK, null);
        for (Map.Entry<String, String> e : commands.reported().entrySet()) {
            PgOutput.parameterStatus(out, e.getKey(), e.getValue());
        }
        PgOutput.backendKeyData(out, pid, secret);
        PgOutput.readyForQuery(out, 'I');
        server.sessions.put(pid, this);
        phase = Phase.READY;
        ctx.writeAndFlush(out);
    }

    /** Startup parameters that are settings: all but user, database, replication, and "options" expanded. */
    private static Map<String, String> optionsOf(Map<String, String> startup) {
        Map<String, String> s = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : startup.entrySet()) {
            String k = e.getKey();
            if (k.equals("options")) {
                // "-c name=value" pairs, as psql's PGOPTIONS passes them
                String[] parts = e.getValue().trim().split("\\s+");
                for (int i = 0; i < parts.length; i++) {
                    String p = parts[i];
                    String kv = p.equals("-c") && i + 1 < parts.length
                            ? parts[++i]
                            : p.startsWith("--") ? p.substring(2) : null;
                    if (kv != null && kv.contains("=")) {
                        s.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                    }
                }
            } else if (!k.equals("user") && !k.equals("database") && !k.equals("replication")) {
                s.put(k, e.getValue());
            }
        }
        return s;
    }

    private void schedule() {
        if (draining.compareAndSet(false, true)) {
            try {
                server.queries.execute(this::drain);
            } catch (RejectedExecutionException e) {
                draining.set(false);
                fatal("57P01", "the server is shutting down");
            }
        }
    }

    /** Runs on the statement pool: handles queued messages in order, one drain per session at a time. */
    private void drain() {
        try {
            PgMessage m;
            while ((m = queue.poll()) != null) {
                if (closed) {
                    queue.clear();
                    break;
                }
                if (!ctx.channel().config().isAutoRead() && queue.size() < MAX_QUEUED / 2) {
                    ctx.channel().config().setAutoRead(true);
                }
                try {
                    conversation.handle(m);
                } catch (ProtocolException e) {
                    conversation.flush();
                    fatal(SqlStates.PROTOCOL_VIOLATION, e.getMessage());
                    queue.clear();
                }
            }
            conversation.flush();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "closing a session after an unexpected error", e);
            fatal(SqlStates.INTERNAL, "internal error: " + e);
        } finally {
            draining.set(false);
        }
        if (!queue.isEmpty() && !closed) {
            schedule();
        }
    }

    /** The next queued message, not taken off the queue, or null. */
    PgMessage peek() {
        return queue.peek();
    }

    /** Blocks the statement's thread while the socket's outbound buffer is full (backpressure). */
    void awaitWritable(dev.silt.sql.QueryControl control) {
        synchronized (writable) {
            while (!ctx.channel().isWritable() && ctx.channel().isActive() && !control.isCancelled()) {
                try {
                    writable.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    control.cancel();
                    return;
                }
            }
        }
    }
}
