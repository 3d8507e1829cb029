package dev.silt.ingest.stream.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque, tamper-evident tokens (shard iterators, pagination tokens): a small binary payload followed by a
 * truncated HMAC-SHA256 over it, in URL-safe base64. The key lives in the data directory so that tokens stay valid
 * across a restart within their lifetime. Thread-safe.
 */
public final class Tokens {
    /** Shard iterator: stream, creation time, shard, absolute position. */
    public static final byte ITERATOR = 1;
    /** ListShards NextToken: stream, creation time, last shard id returned, filter. */
    public static final byte LIST_SHARDS = 2;
    /** ListStreams NextToken: the last stream name returned. */
    public static final byte LIST_STREAMS = 3;

    private static final byte VERSION = 1;
    private static final int MAC_BYTES = 16;
    private static final String KEY_FILE = "token.key";

    private final SecretKeySpec key;

    private Tokens(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /** Loads the key from {@code dir}, creating it (atomically, durably) on first use. */
    public static Tokens open(Path dir) throws IOException {
        Path file = dir.resolve(KEY_FILE);
        if (!Files.exists(file)) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            Path tmp = dir.resolve(KEY_FILE + ".tmp");
            try (FileChannel ch = FileChannel.open(
                    tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(fresh));
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            MetadataFiles.forceDirectory(dir);
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length != 32) {
            throw new IOException(file + " must hold 32 bytes, has " + bytes.length);
        }
        return new Tokens(bytes);
    }

    /** Writes a payload: callers write their fields in order with {@link DataOutputStream}. */
    public interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    public String encode(byte kind, Writer writer) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            out.writeByte(kind);
            writer.write(out);
            out.flush();
            byte[] payload = bytes.toByteArray();
            byte[] mac = mac(payload);
            byte[] token = Arrays.copyOf(payload, payload.length + MAC_BYTES);
            System.arraycopy(mac, 0, token, payload.length, MAC_BYTES);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
    }

    /**
     * The payload of a token of {@code kind}, positioned after the kind byte, or null if the token is malformed,
     * of another kind, or was not signed with this key.
     */
    public DataInputStream decode(byte kind, String token) {
        if (token == null) {
            return null;
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (raw.length < 2 + MAC_BYTES) {
            return null;
        }
        byte[] payload = Arrays.copyOf(raw, raw.length - MAC_BYTES);
        byte[] mac = Arrays.copyOfRange(raw, raw.length - MAC_BYTES, raw.length);
        if (!MessageDigest.isEqual(mac, Arrays.copyOf(mac(payload), MAC_BYTES))) {
            return null;
        }
        if (payload[0] != VERSION || payload[1] != kind) {
            return null;
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        try {
            in.skipNBytes(2);
        } catch (IOException e) {
            return null;
        }
        return in;
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return m.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime provides HmacSHA256", e);
        }
    }
}
