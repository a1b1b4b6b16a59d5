package org.alignmentmonitor.monitor.alerting;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.alignmentmonitor.alerts.webhook.WebhookSignature;

/**
 * The demo's own webhook receiver at {@code /demo/webhook}: checks the signature like a real
 * receiver must, keeps what it accepted and shows it at {@code GET /demo/webhook}, so the demo
 * proves the whole path from a regression to a signed delivery.
 */
public final class DemoWebhookReceiver {

    private static final int KEEP = 200;

    private final String secret;
    private final ObjectMapper json = new ObjectMapper();
    private final List<JsonNode> received = Collections.synchronizedList(new ArrayList<>());

    public DemoWebhookReceiver(String secret) {
        this.secret = secret;
    }

    public void register(JavalinConfig config) {
        config.routes.post("/demo/webhook", this::receive);
        config.routes.get("/demo/webhook", ctx -> ctx.json(Map.of("received", List.copyOf(received))));
    }

    private void receive(Context ctx) throws Exception {
        String body = ctx.body();
        if (!WebhookSignature.verify(secret, ctx.header(WebhookSignature.TIMESTAMP_HEADER), body,
                ctx.header(WebhookSignature.SIGNATURE_HEADER))) {
            ctx.status(HttpStatus.UNAUTHORIZED).json(Map.of("error", "bad signature"));
            return;
        }
        String eventId = ctx.header(WebhookSignature.EVENT_ID_HEADER);
        synchronized (received) {
            boolean duplicate = received.stream().anyMatch(n -> n.path("eventId").asText().equals(eventId));
            if (!duplicate) {
                received.add(json.createObjectNode().put("eventId", eventId).set("event", json.readTree(body)));
                if (received.size() > KEEP) {
                    received.remove(0);
                }
            }
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }
}
