package org.alignmentmonitor.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code GET /api/v1/rates} of a running monitor, as a dashboard or script would call it. */
final class RatesClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final String base;

    RatesClient(int port) {
        this.base = "http://127.0.0.1:" + port + "/api/v1/rates";
    }

    /** The {@code interactions} counted for (model, version) in [fromMs, toMs). */
    long interactions(String model, String version, long fromMs, long toMs) throws IOException, InterruptedException {
        URI uri = URI.create(base + "?model=" + enc(model) + "&version=" + enc(version) + "&from=" + fromMs + "&to=" + toMs);
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + answer.statusCode() + ": " + answer.body());
        }
        JsonNode body = json.readTree(answer.body());
        return body.path("interactions").asLong(-1);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
