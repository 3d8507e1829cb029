package dev.silt.ingest.wire.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies AWS Signature Version 4 ({@code Authorization: AWS4-HMAC-SHA256 …}) on a request against a fixed set
 * of access key / secret pairs: the canonical request over the signed headers and the SHA-256 of the body, the
 * credential scope (date and service) and the clock skew between the request's {@code X-Amz-Date} and now.
 * Errors carry the names and wording the service uses. Thread-safe and stateless apart from the clock.
 */
public final class SigV4Verifier {
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private final Map<String, String> secrets;
    private final Duration maxSkew;
    private final Clock clock;

    public SigV4Verifier(Map<String, String> secretsByAccessKey, Duration maxSkew, Clock clock) {
        if (secretsByAccessKey.isEmpty()) {
            throw new IllegalArgumentException("signature verification needs at least one access key");
        }
        this.secrets = Map.copyOf(secretsByAccessKey);
        this.maxSkew = maxSkew;
        this.clock = clock;
    }

    /**
     * Parses {@code AKID:SECRET[,AKID:SECRET…]} as configured in {@code silt.ingest.wire.credentials}.
     *
     * @throws IllegalArgumentException naming the malformed entry (never its secret)
     */
    public static Map<String, String> parseCredentials(String spec) {
        Map<String, String> out = new HashMap<>();
        if (spec == null || spec.isBlank()) {
            return out;
        }
        int n = 0;
        for (String entry : spec.split(",", -1)) {
            n++;
            int colon = entry.indexOf(':');
            String key = colon < 0 ? "" : entry.substring(0, colon).trim();
            String secret = colon < 0 ? "" : entry.substring(colon + 1).trim();
            if (key.isEmpty() || secret.isEmpty()) {
                throw new IllegalArgumentException(
                        "credential entry " + n + " must be ACCESS_KEY:SECRET (comma-separated entries)");
            }
            out.put(key, secret);
        }
        return out;
    }

    /**
     * Checks the request's signature and returns the access key that signed it.
     *
     * @param rawUri the request target as sent (path and query, still percent-encoded)
     * @param headers all values of a header by name, case-insensitively; an empty list when absent
     */
    public String verify(String method, String rawUri, Function<String, List<String>> headers, byte[] body)
            throws WireException {
        String authorization = first(headers, "Authorization");
        if (authorization == null) {
            throw new WireException(KinesisWire.MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token");
        }
        if (!authorization.startsWith(ALGORITHM + " ")) {
            throw new WireException(
                    KinesisWire.INCOMPLETE_SIGNATURE,
                    "Authorization header must use " + ALGORITHM + " (AWS Signature Version 4)");
        }
        Map<String, String> parts = new HashMap<>();
        for (String part : authorization.substring(ALGORITHM.length() + 1).split(",", -1)) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                parts.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        String credential = parts.get("Credential");
        String signedHeaders = parts.get("SignedHeaders");
        String signature = parts.get("Signature");
        if (credential == null || signedHeaders == null || signature == null) {
            throw new WireException(
                    KinesisWire.INCOMPLETE_SIGNATURE,
                    "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters");
        }
        String[] scope = credential.split("/", -1);
        if (scope.length != 5 || !"aws4_request".equals(scope[4])) {
            throw new WireException(
                    KinesisWire.INCOMPLETE_SIGNATURE,
                    "Credential must have the form ACCESS_KEY/yyyyMMdd/region/kinesis/aws4_request");
        }
        String secret = secrets.get(scope[0]);
        if (secret == null) {
            throw new WireException(
                    KinesisWire.UNRECOGNIZED_CLIENT, "The security token included in the request is invalid.");
        }
        // One port serves both APIs; each client scopes its signature to its own service.
        if (!KinesisWire.SIGNING_SERVICE.equals(scope[3]) && !FirehoseWire.SIGNING_SERVICE.equals(scope[3])) {
            throw new WireException(
                    KinesisWire.INVALID_SIGNATURE,
                    "Credential should be scoped to correct service: '" + KinesisWire.SIGNING_SERVICE + "'.");
        }
        String amzDate = first(headers, "X-Amz-Date");
        if (amzDate == null) {
            throw new WireException(
                    KinesisWire.INCOMPLETE_SIGNATURE,
                    "Authorization header requires existence of a 'X-Amz-Date' header.");
        }
        Instant signedAt;
        try {
            signedAt = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new WireException(
                    KinesisWire.INCOMPLETE_SIGNATURE,
                    "X-Amz-Date must have the form yyyyMMdd'T'HHmmss'Z', got " + amzDate);
        }
        if (!amzDate.startsWith(scope[1])) {
            throw new WireException(
                    KinesisWire.INVALID_SIGNATURE,
                    "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                            + scope[1] + "' != '" + amzDate.substring(0, 8) + "'");
        }
        checkSkew(amzDate, signedAt);

        List<String> names = List.of(signedHeaders.split(";", -1));
        if (!names.contains("host")) {
            throw new WireException(
                    KinesisWire.INVALID_SIGNATURE, "'Host' must be a 'SignedHeader' in the AWS Authorization.");
        }
        String payloadHash = HEX.formatHex(sha256(body));
        String declaredHash = first(headers, "x-amz-content-sha256");
        if (declaredHash != null && !declaredHash.equalsIgnoreCase(payloadHash)) {
            throw new WireException(
                    KinesisWire.INVALID_SIGNATURE,
                    "The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
        String canonicalRequest = canonicalRequest(method, rawUri, names, signedHeaders, headers, payloadHash);
        String credentialScope = scope[1] + "/" + scope[2] + "/" + scope[3] + "/aws4_request";
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + credentialScope + "\n"
                + HEX.formatHex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), scope[1]);
        key = hmac(key, scope[2]);
        key = hmac(key, scope[3]);
        key = hmac(key, "aws4_request");
        byte[] expected = HEX.formatHex(hmac(key, stringToSign)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            throw new WireException(
                    KinesisWire.INVALID_SIGNATURE,
                    "The request signature we calculated does not match the signature you provided. Check your AWS"
                            + " Secret Access Key and signing method. Consult the service documentation for details.");
        }
        return scope[0];
    }

    private void checkSkew(String amzDate, Instant signedAt) throws WireException {
        Instant now = clock.instant();
        long minutes = maxSkew.toMinutes();
        if (signedAt.isBefore(now.minus(maxSkew))) {
            throw new WireException(
                    KinesisWire.INVALID_SIGNATURE,
                    "Signature expired: " + amzDate + " is now earlier than " + AMZ_DATE.format(now.minus(maxSkew))
                            + " (" + AMZ_DATE.format(now) + " - " + minutes + " min.)");
        }
        if (signedAt.isAfter(now.plus(maxSkew))) {
            throw new WireException(
                    KinesisWire.INVALID_SIGNATURE,
                    "Signature not yet current: " + amzDate + " is still later than "
                            + AMZ_DATE.format(now.plus(maxSkew)) + " (" + AMZ_DATE.format(now) + " + " + minutes
                            + " min.)");
        }
    }

    private static String canonicalRequest(
            String method,
            String rawUri,
            List<String> names,
            String signedHeaders,
            Function<String, List<String>> headers,
            String payloadHash)
            throws WireException {
        URI uri;
        try {
            uri = new URI(rawUri);
        } catch (URISyntaxException e) {
            throw new WireException(KinesisWire.INVALID_SIGNATURE, "The request URI is malformed");
        }
        StringBuilder out = new StringBuilder(512);
        out.append(method).append('\n');
        out.append(canonicalPath(uri.getRawPath())).append('\n');
        out.append(canonicalQuery(uri.getRawQuery())).append('\n');
        for (String name : names) {
            List<String> values = headers.apply(name);
            List<String> trimmed = new ArrayList<>(values.size());
            for (String v : values) {
                trimmed.add(v.trim().replaceAll(" +", " "));
            }
            out.append(name).append(':').append(String.join(",", trimmed)).append('\n');
        }
        out.append('\n').append(signedHeaders).append('\n').append(payloadHash);
        return out.toString();
    }

    /** Non-S3 services sign the path with each segment encoded again, as the SDKs do. */
    private static String canonicalPath(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        StringBuilder out = new StringBuilder(rawPath.length() + 8);
        String[] segments = rawPath.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                out.append('/');
            }
            out.append(encode(segments[i]));
        }
        return out.toString();
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String p : rawQuery.split("&", -1)) {
            int eq = p.indexOf('=');
            String k = eq < 0 ? p : p.substring(0, eq);
            String v = eq < 0 ? "" : p.substring(eq + 1);
            pairs.add(new String[] {encode(decode(k)), encode(decode(v))});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder out = new StringBuilder();
        for (String[] p : pairs) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(p[0]).append('=').append(p[1]);
        }
        return out.toString();
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** RFC 3986 percent-encoding of everything but the unreserved characters. */
    private static String encode(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.'
                    || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(HEX.withUpperCase().toHexDigits(b));
            }
        }
        return out.toString();
    }

    private static String first(Function<String, List<String>> headers, String name) {
        List<String> values = headers.apply(name);
        return values.isEmpty() ? null : values.get(0);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
