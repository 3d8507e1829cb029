package dev.silt.sql.pgwire.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server side of SCRAM-SHA-256 (RFC 5802, RFC 7677) as PostgreSQL runs it, without channel binding, plus the
 * MD5 password hash PostgreSQL's {@code md5} method compares. A {@link Credentials} holds only the salted keys, not
 * the password. One {@link Exchange} per connection attempt; not thread-safe.
 */
public final class Scram {
    public static final String MECHANISM = "SCRAM-SHA-256";
    static final int ITERATIONS = 4096;

    private Scram() {}

    /** What the server keeps per user: salt, iteration count, StoredKey and ServerKey. Immutable. */
    public record Credentials(byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {
        public static Credentials derive(String password, SecureRandom random) {
            byte[] salt = new byte[16];
            random.nextBytes(salt);
            byte[] salted = hi(password, salt, ITERATIONS);
            byte[] clientKey = hmac(salted, "Client Key");
            return new Credentials(salt, ITERATIONS, sha256(clientKey), hmac(salted, "Server Key"));
        }
    }

    /** A failed exchange: bad message or wrong password. */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        public final boolean protocol;

        Failure(String message, boolean protocol) {
            super(message);
            this.protocol = protocol;
        }
    }

    /** One authentication exchange: client-first in, server-first out; client-final in, server-final out. */
    public static final class Exchange {
        private final Credentials credentials;
        private final SecureRandom random;
        private String gs2Header;
        private String clientFirstBare;
        private String serverFirst;
        private String nonce;

        public Exchange(Credentials credentials, SecureRandom random) {
            this.credentials = credentials;
            this.random = random;
        }

        public String serverFirst(String clientFirst) throws Failure {
            if (clientFirst.startsWith("p=")) {
                throw new Failure("SCRAM channel binding is not supported without SSL", true);
            }
            if (!clientFirst.startsWith("n,") && !clientFirst.startsWith("y,")) {
                throw new Failure("malformed SCRAM client-first-message", true);
            }
            int second = clientFirst.indexOf(',', 2);
            if (second < 0) {
                throw new Failure("malformed SCRAM client-first-message", true);
            }
            gs2Header = clientFirst.substring(0, second + 1);
            clientFirstBare = clientFirst.substring(second + 1);
            String clientNonce = attribute(clientFirstBare, 'r');
            if (clientNonce == null || clientNonce.isEmpty()) {
                throw new Failure("SCRAM client-first-message has no nonce", true);
            }
            byte[] mine = new byte[18];
            random.nextBytes(mine);
            nonce = clientNonce + Base64.getEncoder().encodeToString(mine);
            serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(credentials.salt()) + ",i="
                    + credentials.iterations();
            return serverFirst;
        }

        /** Verifies the client's proof; returns server-final-message ({@code v=…}). */
        public String serverFinal(String clientFinal) throws Failure {
            if (serverFirst == null) {
                throw new Failure("SCRAM client-final-message before client-first-message", true);
            }
            int p = clientFinal.lastIndexOf(",p=");
            if (p < 0) {
                throw new Failure("SCRAM client-final-message has no proof", true);
            }
            String withoutProof = clientFinal.substring(0, p);
            String binding = attribute(withoutProof, 'c');
            String expected = Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(binding)) {
                throw new Failure("SCRAM channel binding does not match", true);
            }
            if (!nonce.equals(attribute(withoutProof, 'r'))) {
                throw new Failure("SCRAM nonce does not match", true);
            }
            byte[] proof;
            try {
                proof = Base64.getDecoder().decode(clientFinal.substring(p + 3));
            } catch (IllegalArgumentException e) {
                throw new Failure("SCRAM proof is not base64", true);
            }
            String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
            byte[] signature = hmac(credentials.storedKey(), authMessage);
            if (proof.length != signature.length) {
                throw new Failure("password authentication failed", false);
            }
            byte[] clientKey = new byte[proof.length];
            for (int i = 0; i < proof.length; i++) {
                clientKey[i] = (byte) (proof[i] ^ signature[i]);
            }
            if (!MessageDigest.isEqual(sha256(clientKey), credentials.storedKey())) {
                throw new Failure("password authentication failed", false);
            }
            return "v=" + Base64.getEncoder().encodeToString(hmac(credentials.serverKey(), authMessage));
        }
    }

    /** {@code "md5" + md5hex(md5hex(password + user) + salt)}, what a client answers to AuthenticationMD5Password. */
    public static String md5Response(String user, String password, byte[] salt) {
        String inner = HexFormat.of().formatHex(md5(concat((password + user).getBytes(StandardCharsets.UTF_8))));
        return "md5" + HexFormat.of().formatHex(md5(concat(inner.getBytes(StandardCharsets.US_ASCII), salt)));
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static String attribute(String message, char name) {
        for (String part : message.split(",", -1)) {
            if (part.length() >= 2 && part.charAt(0) == name && part.charAt(1) == '=') {
                return part.substring(2);
            }
        }
        return null;
    }

    private static byte[] hi(String password, byte[] salt, int iterations) {
        try {
            SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            return f.generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256))
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available in this JVM", e);
        }
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    private static byte[] sha256(byte[] data) {
        return digest("SHA-256", data);
    }

    private static byte[] md5(byte[] data) {
        return digest("MD5", data);
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available in this JVM", e);
        }
    }
}
