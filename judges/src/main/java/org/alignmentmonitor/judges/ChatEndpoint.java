package org.alignmentmonitor.judges;

import java.net.URI;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * An OpenAI-compatible chat-completions endpoint: vLLM, llama.cpp server, Ollama's {@code /v1}
 * API or a hosted API.
 *
 * @param baseUrl   server root (e.g. {@code http://vllm:8000}) or the full {@code .../chat/completions} URL
 * @param model     model name sent in the request
 * @param apiKeyEnv environment variable holding the bearer key; null or blank for none
 * @param apiKey    the resolved key, null when none; never printed
 */
public record ChatEndpoint(String baseUrl, String model, String apiKeyEnv, String apiKey) {

    public ChatEndpoint {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("endpoint URL must not be blank");
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("endpoint model must not be blank");
        }
        URI.create(baseUrl);
    }

    /** Resolves the key from {@code env} (normally {@code System::getenv}). */
    public static ChatEndpoint of(String baseUrl, String model, String apiKeyEnv, UnaryOperator<String> env) {
        String key = apiKeyEnv == null || apiKeyEnv.isBlank() ? null : env.apply(apiKeyEnv);
        return new ChatEndpoint(baseUrl, model, apiKeyEnv, key == null || key.isBlank() ? null : key);
    }

    /** An endpoint without authentication (local servers). */
    public static ChatEndpoint unauthenticated(String baseUrl, String model) {
        return new ChatEndpoint(baseUrl, model, null, null);
    }

    /** The chat-completions URL: {@code baseUrl} as-is when it already names the path. */
    public URI completionsUri() {
        String url = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        if (url.endsWith("/chat/completions")) {
            return URI.create(url);
        }
        return URI.create(url.endsWith("/v1") ? url + "/chat/completions" : url + "/v1/chat/completions");
    }

    /** Circuit breakers and budgets are per server, not per model name. */
    public String serverKey() {
        return completionsUri().toString();
    }

    @Override
    public String toString() {
        // The key must never reach a log line.
        return "ChatEndpoint[" + baseUrl + ", model=" + model + (apiKey == null ? "" : ", key from " + apiKeyEnv) + "]";
    }
}
