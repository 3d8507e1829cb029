package dev.silt.ingest.wire;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** Builds real SDK clients against a test server and records the content types that went over the wire. */
final class SdkClients {
    /** Content-Type of every request sent and every response received, in order. */
    static final class ContentTypes implements ExecutionInterceptor {
        final List<String> requests = new CopyOnWriteArrayList<>();
        final List<String> responses = new CopyOnWriteArrayList<>();

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            requests.add(
                    context.httpRequest().firstMatchingHeader("Content-Type").orElse("(none)"));
        }

        @Override
        public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
            responses.add(
                    context.httpResponse().firstMatchingHeader("Content-Type").orElse("(none)"));
        }
    }

    private SdkClients() {}

    /** A client without retries, so that every error reaches the test as the server sent it. */
    static KinesisClient client(URI endpoint, String accessKey, String secret, ExecutionInterceptor interceptor) {
        return KinesisClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> {
                    o.retryStrategy(b -> b.maxAttempts(1));
                    if (interceptor != null) {
                        o.addExecutionInterceptor(interceptor);
                    }
                })
                .build();
    }
}
