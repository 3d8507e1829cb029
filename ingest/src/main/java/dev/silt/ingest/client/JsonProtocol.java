package dev.silt.ingest.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.silt.ingest.consumer.StreamApiException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * The AWS JSON 1.1 calls both clients make: {@code POST /} with {@code X-Amz-Target: <prefix><Operation>}, a JSON
 * body each way, errors as {@code __type} and {@code message}. Unsigned, for a server on this machine. Thread-safe.
 */
final class JsonProtocol {
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private final URI endpoint;
    private final Duration timeout;
    private final String targetPrefix;
    private final String serverName;
    private final String unavailableType;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param serverName what an unreachable endpoint is called in the error ("the stream server")
     * @param unavailableType the error name of a bare HTTP 503
     */
    JsonProtocol(URI endpoint, Duration timeout, String targetPrefix, String serverName, String unavailableType) {
        if (endpoint.getScheme() == null
                || !(endpoint.getScheme().equals("http") || endpoint.getScheme().equals("https"))
                || endpoint.getHost() == null) {
            throw new IllegalArgumentException("endpoint must be an http:// or https:// URL, got '" + endpoint + "'");
        }
        this.endpoint = endpoint.getPath() == null || endpoint.getPath().isEmpty() ? endpoint.resolve("/") : endpoint;
        this.timeout = timeout;
        this.targetPrefix = targetPrefix;
        this.serverName = serverName;
        this.unavailableType = unavailableType;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
    }

    URI endpoint() {
        return endpoint;
    }

    /** A new, empty request body. */
    ObjectNode object() {
        return json.createObjectNode();
    }

    /** Calls {@code operation}; returns the answer's JSON, or throws the error the server answered. */
    JsonNode call(String operation, ObjectNode body) throws IOException {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IOException("cannot encode " + operation + " request", e);
        }
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", CONTENT_TYPE)
                .header("X-Amz-Target", targetPrefix + operation)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            throw new ConnectException("cannot connect to " + serverName + " at " + endpoint + " (is it running?)");
        } catch (HttpTimeoutException e) {
            throw new IOException(operation + " to " + endpoint + " timed out after " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException io = new InterruptedIOException(operation + " interrupted");
            io.initCause(e);
            throw io;
        }
        return parse(operation, response.statusCode(), response.body());
    }

    private JsonNode parse(String operation, int status, byte[] body) throws IOException {
        JsonNode node = null;
        if (body.length > 0) {
            try {
                node = json.readTree(body);
            } catch (JsonProcessingException e) {
                if (status == 200) {
                    throw new IOException(operation + " answered a body that is not JSON", e);
                }
            }
        }
        if (status == 200) {
            return node == null ? json.createObjectNode() : node;
        }
        String type = node == null ? null : text(node, "__type");
        if (type != null && type.indexOf('#') >= 0) {
            type = type.substring(type.indexOf('#') + 1);
        }
        String message = node == null ? null : text(node, "message");
        if (message == null && node != null) {
            message = text(node, "Message");
        }
        if (type == null) {
            type = status >= 500
                    ? (status == 503 ? unavailableType : StreamApiException.INTERNAL_FAILURE)
                    : "HTTP" + status;
        }
        throw new StreamApiException(type, message == null ? operation + " failed with HTTP " + status : message);
    }

    /** A field's text, or null when it is absent or JSON null. */
    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
