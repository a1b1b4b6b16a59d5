package org.alignmentmonitor.judges;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP server on a free port speaking the chat-completions protocol from a script. */
final class FakeChatServer implements AutoCloseable {

    interface Responder {
        void respond(HttpExchange exchange) throws IOException, InterruptedException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-chat");
        t.setDaemon(true);
        return t;
    });
    private final ConcurrentLinkedQueue<Responder> script = new ConcurrentLinkedQueue<>();
    private volatile Responder fallback = answer(0.9, 0.1);
    private final AtomicInteger requests = new AtomicInteger();
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);

    FakeChatServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/v1/chat/completions", exchange -> {
            try (exchange) {
                bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                requests.incrementAndGet();
                Responder next = script.poll();
                (next == null ? fallback : next).respond(exchange);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int requests() {
        return requests.get();
    }

    FakeChatServer then(Responder... responders) {
        script.addAll(List.of(responders));
        return this;
    }

    FakeChatServer otherwise(Responder responder) {
        fallback = responder;
        return this;
    }

    /** Answers with a first token "Yes" or "No" and both log-probabilities. */
    static Responder answer(double pYes, double pNo) {
        String token = pYes >= pNo ? "Yes" : "No";
        return json(200, String.format(Locale.ROOT, """
                {"id":"x","object":"chat.completion","choices":[{"index":0,
                 "message":{"role":"assistant","content":"%s"},
                 "logprobs":{"content":[{"token":"%s","logprob":%f,"top_logprobs":[
                   {"token":"Yes","logprob":%f},{"token":"No","logprob":%f},{"token":"I","logprob":-9.0}]}]},
                 "finish_reason":"length"}],"usage":{"prompt_tokens":50,"completion_tokens":1,"total_tokens":51}}
                """, token, token, Math.log(Math.max(pYes, pNo)), Math.log(pYes), Math.log(pNo)));
    }

    /** Answers with text only, as servers without logprobs support do. */
    static Responder text(String content) {
        return json(200, """
                {"choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}]}
                """.formatted(content));
    }

    static Responder json(int status, String body) {
        return exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        };
    }

    static Responder status(int status) {
        return json(status, "{\"error\":{\"message\":\"status " + status + "\"}}");
    }

    /** Never answers until the server is closed. */
    Responder hang() {
        return exchange -> released.await(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
