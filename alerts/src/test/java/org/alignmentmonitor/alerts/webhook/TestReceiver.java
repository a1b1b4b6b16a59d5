package org.alignmentmonitor.alerts.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP webhook receiver on a free local port. It checks the signature the way a receiver
 * should, answers 500 to the first {@code failFirst} requests, and records what it accepted.
 */
final class TestReceiver implements AutoCloseable {

    record Received(String eventId, String timestamp, String signature, String body, boolean signatureValid) {}

    private final HttpServer server;
    private final String secret;
    private final AtomicInteger remainingFailures;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<Received> accepted = new CopyOnWriteArrayList<>();

    TestReceiver(String secret, int failFirst) throws IOException {
        this.secret = secret;
        this.remainingFailures = new AtomicInteger(failFirst);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", this::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        var headers = exchange.getRequestHeaders();
        Received received = new Received(headers.getFirst(WebhookSignature.EVENT_ID_HEADER),
                headers.getFirst(WebhookSignature.TIMESTAMP_HEADER), headers.getFirst(WebhookSignature.SIGNATURE_HEADER), body,
                WebhookSignature.verify(secret, headers.getFirst(WebhookSignature.TIMESTAMP_HEADER), body,
                        headers.getFirst(WebhookSignature.SIGNATURE_HEADER)));
        int status;
        if (remainingFailures.getAndDecrement() > 0) {
            status = 500;
        } else if (!received.signatureValid()) {
            status = 401;
        } else {
            accepted.add(received);
            status = 204;
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    int requests() {
        return requests.get();
    }

    List<Received> accepted() {
        return accepted;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
