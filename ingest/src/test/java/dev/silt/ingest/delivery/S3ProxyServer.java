package dev.silt.ingest.delivery;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/** An S3-compatible server on 127.0.0.1 (an ephemeral port), files under a directory, and s3a settings for it. */
final class S3ProxyServer implements AutoCloseable {
    static final String BUCKET = "lake";
    private static final String IDENTITY = "silt-test";
    private static final String CREDENTIAL = "silt-test-secret";

    private final S3Proxy proxy;

    private S3ProxyServer(S3Proxy proxy) {
        this.proxy = proxy;
    }

    static S3ProxyServer start(Path dir) throws Exception {
        Files.createDirectories(dir);
        BlobStore store = new FilesystemNio2BlobStore(dir.toString());
        store.createContainer(BUCKET);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, IDENTITY, CREDENTIAL)
                .build();
        proxy.start();
        while (!proxy.getState().equals("STARTED")) {
            Thread.onSpinWait();
        }
        return new S3ProxyServer(proxy);
    }

    /** The s3a settings that reach this server (also passed to child JVMs as -D options). */
    Map<String, String> s3aSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("fs.s3a.endpoint", "http://127.0.0.1:" + proxy.getPort());
        s.put("fs.s3a.endpoint.region", "us-east-1");
        s.put("fs.s3a.path.style.access", "true");
        s.put("fs.s3a.connection.ssl.enabled", "false");
        s.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        s.put("fs.s3a.access.key", IDENTITY);
        s.put("fs.s3a.secret.key", CREDENTIAL);
        s.put("fs.s3a.attempts.maximum", "3");
        s.put("fs.s3a.retry.limit", "3");
        s.put("fs.s3a.retry.interval", "50ms");
        // Uploads buffer in memory: a killed writer leaves no local temp file behind.
        s.put("fs.s3a.fast.upload.buffer", "bytebuffer");
        return s;
    }

    Configuration hadoopConf() {
        Configuration conf = new Configuration();
        s3aSettings().forEach(conf::set);
        return conf;
    }

    String baseUri() {
        return "s3a://" + BUCKET + "/";
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
