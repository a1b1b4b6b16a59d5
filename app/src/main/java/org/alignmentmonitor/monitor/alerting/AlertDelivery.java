package org.alignmentmonitor.monitor.alerting;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.alignmentmonitor.alerts.webhook.DeliveryListener;
import org.alignmentmonitor.alerts.webhook.DeliveryPolicy;
import org.alignmentmonitor.alerts.webhook.WebhookDispatcher;
import org.alignmentmonitor.alerts.webhook.WebhookEndpoint;
import org.alignmentmonitor.avro.Alert;
import org.alignmentmonitor.monitor.runtime.tail.SupervisedTail;
import org.alignmentmonitor.monitor.runtime.tail.TailHandler;
import org.alignmentmonitor.monitor.runtime.tail.TailSpec;
import org.alignmentmonitor.monitor.runtime.tail.Tails;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers every alert event to the webhooks. Offsets are committed only once each event was
 * accepted by every receiver or written to the outbox, so a crash re-sends (receivers de-duplicate
 * on the event id) and nothing is lost.
 */
public final class AlertDelivery implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertDelivery.class);

    private final WebhookDispatcher dispatcher;
    private final SupervisedTail<String, Alert> tail;

    public AlertDelivery(Map<String, Object> clientConfig, String groupId, String topic, Deserializer<Alert> values,
                         List<WebhookEndpoint> endpoints, Path outbox, MeterRegistry registry, Tails tails) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put("group.id", groupId);
        config.put("isolation.level", "read_committed");
        config.put("enable.auto.commit", "false");
        config.put("auto.offset.reset", "earliest");
        this.dispatcher = new WebhookDispatcher(endpoints, DeliveryPolicy.DEFAULT, outbox, listener(registry));
        dispatcher.redeliverOutbox();
        // Undelivered events stay in the topic past the last commit, so a restarted tail delivers them again.
        this.tail = tails.start(TailSpec.group("alert-delivery", config, new StringDeserializer(), values, topic)
                .withCloseTimeout(Duration.ofSeconds(30)), new TailHandler<>() {
            @Override
            public void accept(ConsumerRecord<String, Alert> record) {
                if (record.value() != null) {
                    dispatcher.dispatch(record.value()).join();
                }
            }

            @Override
            public void afterBatch(Consumer<String, Alert> consumer, int records) {
                if (records > 0) {
                    consumer.commitSync();
                }
            }
        });
    }

    private static DeliveryListener listener(MeterRegistry registry) {
        Counter delivered = counter(registry, "delivered");
        Counter failed = counter(registry, "failed_attempt");
        Counter gaveUp = counter(registry, "outboxed");
        return new DeliveryListener() {
            @Override
            public void delivered(WebhookEndpoint endpoint, String eventId, int attempts) {
                delivered.increment();
            }

            @Override
            public void attemptFailed(WebhookEndpoint endpoint, String eventId, int attempt, String reason) {
                failed.increment();
                LOG.warn("Webhook {} attempt {} for {} failed: {}", endpoint.name(), attempt, eventId, reason);
            }

            @Override
            public void gaveUp(WebhookEndpoint endpoint, String eventId, int attempts, String reason) {
                gaveUp.increment();
                LOG.error("Webhook {} did not take {} after {} attempts ({}); kept in the outbox for the next start",
                        endpoint.name(), eventId, attempts, reason);
            }
        };
    }

    private static Counter counter(MeterRegistry registry, String result) {
        return Counter.builder("alignment_monitor_webhook_deliveries")
                .description("Webhook delivery outcomes per alert event and receiver")
                .tag("result", result)
                .register(registry);
    }

    @Override
    public void close() throws InterruptedException {
        tail.close();
    }
}
