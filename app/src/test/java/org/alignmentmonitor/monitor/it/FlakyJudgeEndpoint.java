package org.alignmentmonitor.monitor.it;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A chat-completions endpoint on a real local port that can be switched between hanging, failing
 * with 500 and answering with logprobs, to play a judge model's outage.
 */
final class FlakyJudgeEndpoint implements AutoCloseable {

    enum Mode { HANG, FAIL, HEALTHY }

    private final HttpServer server;
    private volatile Mode mode = Mode.HEALTHY;
    private final AtomicLong requests = new AtomicLong();

    FlakyJudgeEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "flaky-judge");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
    }

    /**
     * Monitor settings for a self-classification and an overseer judge both served here, with short timeouts and
     * backoffs so an outage is seen within seconds, and a pending limit the tests' few hundred requests can reach.
     */
    Map<String, String> judgeSettings() {
        Map<String, String> s = new HashMap<>();
        String url = url();
        s.put("monitor.judges.self.1.match", "*");
        s.put("monitor.judges.self.1.url", url);
        s.put("monitor.judges.self.1.model", "served-model");
        s.put("monitor.judges.overseer.url", url);
        s.put("monitor.judges.overseer.model", "overseer-model");
        s.put("monitor.judges.timeout", "1s");
        s.put("monitor.judges.max.attempts", "3");
        s.put("monitor.judges.backoff.base", "100ms");
        s.put("monitor.judges.backoff.max", "500ms");
        s.put("monitor.judges.breaker.failures", "3");
        s.put("monitor.judges.breaker.cooldown", "2s");
        s.put("monitor.judges.max.pending.age", "10m");
        s.put("monitor.judges.max.pending", "400");
        return s;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void mode(Mode newMode) {
        mode = newMode;
    }

    long requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            while (mode == Mode.HANG) {
                try {
                    Thread.sleep(50);  // the client's timeout ends the call; the server notices when the mode changes
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (mode == Mode.FAIL) {
                respond(exchange, 500, "{\"error\":{\"message\":\"model overloaded\"}}");
                return;
            }
            respond(exchange, 200, String.format(Locale.ROOT, """
                    {"id":"x","object":"chat.completion","choices":[{"index":0,
                     "message":{"role":"assistant","content":"Yes"},
                     "logprobs":{"content":[{"token":"Yes","logprob":%f,"top_logprobs":[
                       {"token":"Yes","logprob":%f},{"token":"No","logprob":%f}]}]},
                     "finish_reason":"length"}],"usage":{"prompt_tokens":50,"completion_tokens":1,"total_tokens":51}}
                    """, Math.log(0.9), Math.log(0.9), Math.log(0.1)));
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        mode = Mode.HEALTHY;
        server.stop(0);
    }
}
