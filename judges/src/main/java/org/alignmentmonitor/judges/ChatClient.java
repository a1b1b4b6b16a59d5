package org.alignmentmonitor.judges;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client of the OpenAI chat-completions protocol ({@code POST /v1/chat/completions}). Asks for a
 * one-token, temperature-0 answer with the top 5 log-probabilities of that token; a server that
 * rejects {@code logprobs} with a 400 is remembered and asked again without them. Thread-safe;
 * never blocks the calling thread.
 */
public final class ChatClient {

    private static final Logger log = LoggerFactory.getLogger(ChatClient.class);
    static final int TOP_LOGPROBS = 5;
    private static final int MAX_ERROR_BODY = 200;

    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    /** Servers that refused logprobs once: asking again would cost a failed call each time. */
    private final Set<String> noLogprobs = ConcurrentHashMap.newKeySet();

    public ChatClient(HttpClient http) {
        this.http = http;
    }

    /** A client with its own {@link HttpClient} (HTTP/1.1: many local servers speak nothing else). */
    public static ChatClient create(Duration connectTimeout) {
        return new ChatClient(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout).build());
    }

    /**
     * Sends one request. The future fails with {@link JudgeCallException} for HTTP errors,
     * timeouts, I/O errors and malformed responses.
     */
    public CompletableFuture<ChatReply> complete(ChatEndpoint endpoint, List<ChatMessage> messages, Duration timeout) {
        boolean withLogprobs = !noLogprobs.contains(endpoint.serverKey());
        return send(endpoint, messages, timeout, withLogprobs).thenCompose(response -> {
            if (withLogprobs && response.statusCode() == 400 && response.body().toLowerCase(Locale.ROOT).contains("logprob")) {
                log.info("{} does not support logprobs; judging from the answer text", endpoint);
                noLogprobs.add(endpoint.serverKey());
                return send(endpoint, messages, timeout, false);
            }
            return CompletableFuture.completedFuture(response);
        }).handle((response, error) -> {
            if (error != null) {
                throw asCallException(unwrap(error));
            }
            return parse(response);
        });
    }

    private CompletableFuture<HttpResponse<String>> send(ChatEndpoint endpoint, List<ChatMessage> messages,
                                                         Duration timeout, boolean withLogprobs) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.completionsUri())
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(requestBody(endpoint, messages, withLogprobs)));
        if (endpoint.apiKey() != null) {
            request.header("Authorization", "Bearer " + endpoint.apiKey());
        }
        // orTimeout as well: the request timeout does not cover a body that trickles in forever.
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .orTimeout(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    }

    String requestBody(ChatEndpoint endpoint, List<ChatMessage> messages, boolean withLogprobs) {
        ObjectNode body = json.createObjectNode();
        body.put("model", endpoint.model());
        ArrayNode array = body.putArray("messages");
        for (ChatMessage message : messages) {
            array.addObject().put("role", message.role()).put("content", message.content());
        }
        body.put("max_tokens", 1);
        body.put("temperature", 0);
        if (withLogprobs) {
            body.put("logprobs", true);
            body.put("top_logprobs", TOP_LOGPROBS);
        }
        return body.toString();
    }

    private ChatReply parse(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status != 200) {
            boolean retryable = status == 429 || status == 408 || status >= 500;
            String body = response.body() == null ? "" : response.body();
            throw new JudgeCallException("HTTP " + status + ": " + abbreviate(body), status, retryable,
                    retryable, retryAfterMillis(response), null);
        }
        try {
            return parseBody(response.body());
        } catch (IOException | RuntimeException e) {
            throw new JudgeCallException("malformed response: " + abbreviate(String.valueOf(response.body())),
                    status, false, true, 0, e);
        }
    }

    ChatReply parseBody(String body) throws IOException {
        JsonNode root = json.readTree(body);
        JsonNode choice = root.path("choices").path(0);
        if (choice.isMissingNode()) {
            throw new IOException("no choices");
        }
        JsonNode message = choice.path("message");
        String content = message.path("content").isTextual() ? message.path("content").asText()
                : choice.path("text").asText("");
        Map<String, Double> logprobs = new HashMap<>();
        JsonNode first = choice.path("logprobs").path("content").path(0);
        if (first.isObject()) {
            // OpenAI / vLLM / llama.cpp: content[0] = {token, logprob, top_logprobs: [{token, logprob}]}
            putLogprob(logprobs, first.path("token").asText(null), first.path("logprob"));
            for (JsonNode top : first.path("top_logprobs")) {
                putLogprob(logprobs, top.path("token").asText(null), top.path("logprob"));
            }
        } else {
            // Legacy completions shape: top_logprobs = [{"token": logprob, ...}]
            JsonNode legacy = choice.path("logprobs").path("top_logprobs").path(0);
            legacy.fields().forEachRemaining(e -> putLogprob(logprobs, e.getKey(), e.getValue()));
        }
        return new ChatReply(content, logprobs, root.path("usage").path("total_tokens").asLong(0));
    }

    private static void putLogprob(Map<String, Double> logprobs, String token, JsonNode value) {
        if (token != null && value.isNumber() && Double.isFinite(value.asDouble())) {
            logprobs.merge(token, value.asDouble(), Math::max);
        }
    }

    private static long retryAfterMillis(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After").map(value -> {
            try {
                return (long) (Double.parseDouble(value.trim()) * 1000);
            } catch (NumberFormatException e) {
                return 0L; // an HTTP date: rare from model servers; fall back to our own backoff
            }
        }).orElse(0L);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private static JudgeCallException asCallException(Throwable e) {
        if (e instanceof JudgeCallException call) {
            return call;
        }
        if (e instanceof HttpTimeoutException || e instanceof TimeoutException) {
            return new JudgeCallException("timeout: " + e.getMessage(), 0, true, true, 0, e);
        }
        if (e instanceof IOException) {
            return new JudgeCallException("I/O error: " + e, 0, true, true, 0, e);
        }
        return new JudgeCallException("call failed: " + e, 0, false, true, 0, e);
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= MAX_ERROR_BODY ? oneLine : oneLine.substring(0, MAX_ERROR_BODY) + "...";
    }
}
