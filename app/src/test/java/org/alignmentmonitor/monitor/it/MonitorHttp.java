package org.alignmentmonitor.monitor.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** A plain HTTP client for the monitor's API, as any user would call it. */
final class MonitorHttp {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final int port;

    MonitorHttp(int port) {
        this.port = port;
    }

    Response get(String pathAndQuery) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), parse(r.body()));
    }

    Response post(String path, String json) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), parse(r.body()));
    }

    /** The JSON body of a 200 answer; any other status is an assertion failure, so waits retry on it. */
    JsonNode getOk(String pathAndQuery) throws Exception {
        Response r = get(pathAndQuery);
        assertThat(r.status()).as("GET %s answered %s", pathAndQuery, r.body()).isEqualTo(200);
        return r.body();
    }

    String getText(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** POSTs {@code body}; {@code headers} are name, value pairs. */
    Response post(String pathAndQuery, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), parse(r.body()));
    }

    /** A body that is not JSON (a proxy's error page, a half-started server) reads as a missing node, not an exception. */
    private JsonNode parse(String body) {
        try {
            JsonNode node = json.readTree(body);
            return node == null ? MissingNode.getInstance() : node;
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    record Response(int status, JsonNode body) {
    }
}
