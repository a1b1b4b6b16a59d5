package org.alignmentmonitor.monitor.alerting;

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
import org.alignmentmonitor.monitor.runtime.tail.EndsAtStart;
import org.alignmentmonitor.monitor.runtime.tail.SupervisedTail;
import org.alignmentmonitor.monitor.runtime.tail.TailHandler;
import org.alignmentmonitor.monitor.runtime.tail.TailSpec;
import org.alignmentmonitor.monitor.runtime.tail.Tails;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers every alert event to the webhooks. Offsets are committed only once each event was
 * accepted by every receiver or kept in the outbox topic, so a crash re-sends (receivers de-duplicate
 * on the event id) and nothing is lost. At start it reads the outbox topic from the beginning and
 * re-sends what earlier processes, on this pod or another, left there.
 */
public final class AlertDelivery implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertDelivery.class);

    private final WebhookDispatcher dispatcher;
    private final KafkaOutbox outbox;
    private final SupervisedTail<String, byte[]> outboxTail;
    private final SupervisedTail<String, Alert> tail;

    public AlertDelivery(Map<String, Object> clientConfig, String groupId, String topic, Deserializer<Alert> values,
                         String outboxTopic, List<WebhookEndpoint> endpoints, DeliveryPolicy policy, MeterRegistry registry,
                         Tails tails) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put("group.id", groupId);
        config.put("isolation.level", "read_committed");
        config.put("enable.auto.commit", "false");
        config.put("auto.offset.reset", "earliest");
        this.outbox = new KafkaOutbox(clientConfig, outboxTopic);
        this.dispatcher = new WebhookDispatcher(endpoints, policy, outbox, listener(registry));
        this.outboxTail = tails.start(TailSpec.fromBeginning("alert-outbox", replayConfig(clientConfig), new StringDeserializer(),
                new ByteArrayDeserializer(), List.of(outboxTopic)), new OutboxRedelivery());
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

    private static Map<String, Object> replayConfig(Map<String, Object> clientConfig) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.remove("group.id");
        config.put("enable.auto.commit", "false");
        return config;
    }

    /**
     * Rebuilds what waits in the outbox and, once it has read all the topic held at start, hands that to the
     * dispatcher, once. Later records are this process's own give-ups (or another replica's): the next start
     * re-sends them, so the tail only follows, idle, to keep its place in {@code /health}.
     */
    private final class OutboxRedelivery implements TailHandler<String, byte[]> {

        private final OutboxReplay replay = new OutboxReplay();
        private final EndsAtStart endsAtStart = new EndsAtStart();
        private boolean handedOver;

        @Override
        public void accept(ConsumerRecord<String, byte[]> record) {
            if (handedOver) {
                return;
            }
            try {
                replay.apply(record.key(), record.value());
            } catch (IllegalArgumentException e) {
                LOG.warn("Skipping unreadable outbox record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                        e.getMessage());
            }
        }

        @Override
        public void afterBatch(Consumer<String, byte[]> consumer, int records) {
            if (!handedOver && endsAtStart.reached(consumer)) {
                handedOver = true;
                dispatcher.redeliver(replay.waiting());
            }
        }
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
                LOG.error("Webhook {} did not take {} after {} attempts ({}); kept in the outbox topic for the next start",
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
        outboxTail.close();
        outbox.close();
    }
}
