package org.alignmentmonitor.monitor.alerting;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.javalin.config.JavalinConfig;
import io.micrometer.core.instrument.MeterRegistry;
import org.alignmentmonitor.alerts.webhook.DeliveryPolicy;
import org.alignmentmonitor.alerts.webhook.WebhookEndpoint;
import org.alignmentmonitor.alerts.webhook.WebhookFormat;
import org.alignmentmonitor.avro.Alert;
import org.alignmentmonitor.monitor.runtime.tail.Tails;
import org.alignmentmonitor.streams.topology.Topic;
import org.alignmentmonitor.monitor.config.AlertingConfig;

/** The instance's alert side: the live alert view, webhook delivery and, in the demo, the demo receiver. */
public final class AlertingRuntime implements AutoCloseable {

    private final AlertFeed feed;
    private final DemoWebhookReceiver demoReceiver;
    private final Tails tails;
    private AlertDelivery delivery;

    private AlertingRuntime(AlertFeed feed, DemoWebhookReceiver demoReceiver, Tails tails) {
        this.feed = feed;
        this.demoReceiver = demoReceiver;
        this.tails = tails;
    }

    /** Starts the alert view; call {@link #deliverTo} once the HTTP port is known. */
    public static AlertingRuntime start(AlertingConfig config, Map<String, Object> clientConfig, Topic<String, Alert> alerts,
                                        MeterRegistry registry, Tails tails) {
        AlertFeed feed = new AlertFeed(clientConfig, alerts.name(), alerts.valueSerde().deserializer(), registry, tails);
        return new AlertingRuntime(feed, config.demoReceiver() ? new DemoWebhookReceiver(config.webhookSecret()) : null, tails);
    }

    public AlertFeed feed() {
        return feed;
    }

    /** HTTP routes this side adds: the demo receiver, when enabled. */
    public List<Consumer<JavalinConfig>> routes() {
        return demoReceiver == null ? List.of() : List.of(demoReceiver::register);
    }

    /**
     * Starts delivering alert events to the configured webhooks (and the demo receiver at {@code selfBaseUrl}), first
     * re-sending what waits in the outbox topic.
     */
    public void deliverTo(AlertingConfig config, Map<String, Object> clientConfig, String groupId, Topic<String, Alert> alerts,
                          String outboxTopic, DeliveryPolicy policy, MeterRegistry registry, String selfBaseUrl) {
        List<WebhookEndpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < config.webhookUrls().size(); i++) {
            endpoints.add(new WebhookEndpoint("webhook-" + (i + 1), config.webhookUrls().get(i), config.webhookFormat(), config.webhookSecret()));
        }
        if (demoReceiver != null) {
            endpoints.add(new WebhookEndpoint("demo-receiver", URI.create(selfBaseUrl + "/demo/webhook"), WebhookFormat.GENERIC,
                    config.webhookSecret()));
        }
        if (!endpoints.isEmpty()) {
            delivery = new AlertDelivery(clientConfig, groupId, alerts.name(), alerts.valueSerde().deserializer(), outboxTopic, endpoints,
                    policy, registry, tails);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (delivery != null) {
            delivery.close();
        }
        feed.close();
    }
}
