package dev.silt.ingest.wire.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Requests signed by the AWS SDK's own SigV4 signer, verified as they are and after tampering. */
class SigV4VerifierTest {
    private static final Instant NOW = Instant.parse("2026-11-22T21:37:11Z");
    private static final byte[] BODY =
            "{\"StreamName\":\"s\",\"Data\":\"aGk=\",\"PartitionKey\":\"k\"}".getBytes(StandardCharsets.UTF_8);

    private final SigV4Verifier verifier = new SigV4Verifier(
            Map.of("AKIDSILT", "s3cr3t/key+value", "AKIDOTHER", "other"),
            Duration.ofMinutes(5),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static SdkHttpRequest sign(String accessKey, String secret, byte[] body, Instant at) {
        return sign(accessKey, secret, body, at, "kinesis");
    }

    private static SdkHttpRequest sign(String accessKey, String secret, byte[] body, Instant at, String service) {
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create("http://127.0.0.1:4567/"))
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "Kinesis_20131202.PutRecord")
                .putHeader("Content-Length", Integer.toString(body.length))
                .build();
        SignedRequest signed = AwsV4HttpSigner.create()
                .sign(r -> r.identity(AwsCredentialsIdentity.create(accessKey, secret))
                        .request(request)
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                        .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
        SdkHttpRequest out = signed.request();
        if (out.firstMatchingHeader("Host").isEmpty()) {
            out = out.toBuilder().putHeader("Host", "127.0.0.1:4567").build();
        }
        return out;
    }

    private static Function<String, List<String>> headers(SdkHttpRequest request) {
        Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        request.headers().forEach((k, v) -> map.put(k, new ArrayList<>(v)));
        return name -> map.getOrDefault(name, List.of());
    }

    private String verify(SdkHttpRequest request, byte[] body) throws WireException {
        return verifier.verify("POST", "/", headers(request), body);
    }

    @Test
    void acceptsTheSdksSignature() throws Exception {
        SdkHttpRequest signed = sign("AKIDSILT", "s3cr3t/key+value", BODY, NOW);
        assertTrue(signed.firstMatchingHeader("Authorization").orElseThrow().startsWith("AWS4-HMAC-SHA256 "));
        assertEquals("AKIDSILT", verify(signed, BODY));
        // A little skew either way is fine.
        assertEquals("AKIDSILT", verify(sign("AKIDSILT", "s3cr3t/key+value", BODY, NOW.minusSeconds(240)), BODY));
        assertEquals("AKIDSILT", verify(sign("AKIDSILT", "s3cr3t/key+value", BODY, NOW.plusSeconds(240)), BODY));
    }

    @Test
    void acceptsFirehoseScopedSignaturesOnTheSharedPortAndNoOtherService() throws Exception {
        assertEquals("AKIDSILT", verify(sign("AKIDSILT", "s3cr3t/key+value", BODY, NOW, "firehose"), BODY));
        WireException s3 = assertThrows(
                WireException.class, () -> verify(sign("AKIDSILT", "s3cr3t/key+value", BODY, NOW, "s3"), BODY));
        assertEquals("InvalidSignatureException", s3.errorType());
    }

    @Test
    void rejectsATamperedBody() throws Exception {
        SdkHttpRequest signed = sign("AKIDSILT", "s3cr3t/key+value", BODY, NOW);
        byte[] tampered = BODY.clone();
        tampered[tampered.length - 3] = 'X';
        WireException e = assertThrows(WireException.class, () -> verify(signed, tampered));
        assertEquals("InvalidSignatureException", e.errorType());
    }

    @Test
    void rejectsATamperedSignedHeader() {
        SdkHttpRequest signed = sign("AKIDSILT", "s3cr3t/key+value", BODY, NOW).toBuilder()
                .putHeader("X-Amz-Target", "Kinesis_20131202.DeleteStream")
                .build();
        WireException e = assertThrows(WireException.class, () -> verify(signed, BODY));
        assertEquals("InvalidSignatureException", e.errorType());
        assertTrue(e.getMessage().startsWith("The request signature we calculated does not match"), e.getMessage());
    }

    @Test
    void rejectsTheWrongSecretAndUnknownKeys() {
        WireException wrongSecret =
                assertThrows(WireException.class, () -> verify(sign("AKIDSILT", "guessed", BODY, NOW), BODY));
        assertEquals("InvalidSignatureException", wrongSecret.errorType());
        WireException unknown = assertThrows(
                WireException.class, () -> verify(sign("AKIDNOBODY", "s3cr3t/key+value", BODY, NOW), BODY));
        assertEquals("UnrecognizedClientException", unknown.errorType());
        assertEquals("The security token included in the request is invalid.", unknown.getMessage());
    }

    @Test
    void rejectsStaleAndFutureSignatures() {
        WireException stale = assertThrows(
                WireException.class,
                () -> verify(sign("AKIDSILT", "s3cr3t/key+value", BODY, NOW.minusSeconds(301)), BODY));
        assertEquals("InvalidSignatureException", stale.errorType());
        assertTrue(stale.getMessage().startsWith("Signature expired: 20261122T213210Z"), stale.getMessage());
        WireException future = assertThrows(
                WireException.class,
                () -> verify(sign("AKIDSILT", "s3cr3t/key+value", BODY, NOW.plusSeconds(600)), BODY));
        assertTrue(future.getMessage().startsWith("Signature not yet current"), future.getMessage());
    }

    @Test
    void rejectsMissingOrForeignAuthorization() {
        WireException missing =
                assertThrows(WireException.class, () -> verifier.verify("POST", "/", name -> List.of(), BODY));
        assertEquals("MissingAuthenticationTokenException", missing.errorType());
        WireException basic = assertThrows(
                WireException.class,
                () -> verifier.verify(
                        "POST",
                        "/",
                        name -> name.equalsIgnoreCase("Authorization") ? List.of("Basic dXNlcjpwdw==") : List.of(),
                        BODY));
        assertEquals("IncompleteSignatureException", basic.errorType());
    }

    @Test
    void parsesCredentialLists() {
        assertEquals(Map.of("A", "x", "B", "y:z"), SigV4Verifier.parseCredentials(" A:x , B:y:z "));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> SigV4Verifier.parseCredentials("A:x,B"));
        assertEquals("credential entry 2 must be ACCESS_KEY:SECRET (comma-separated entries)", e.getMessage());
    }
}
