package org.alignmentmonitor.monitor.alerting;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers every alert event to the webhooks. Offsets are committed only once each event was
 * accepted by every receiver or kept in the outbox topic, so a crash re-sends (receivers de-duplicate
 * on the event id) and nothing is lost. The outbox topic is read in a consumer group of its own: the
 * replica that is given an outbox partition reads it from the beginning and re-sends what earlier
 * processes, on this pod or another, left there, so with several replicas each entry goes out from one.
 */
public final class AlertDelivery implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertDelivery.class);
    private static final Duration END_TIMEOUT = Duration.ofSeconds(30);

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
        this.outboxTail = tails.start(TailSpec.group("alert-outbox", replayConfig(clientConfig, groupId), new StringDeserializer(),
                new ByteArrayDeserializer(), outboxTopic), new OutboxRedelivery());
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

    /**
     * Never commits, so a partition given to a member is always read from the beginning; the sticky assignor keeps it with
     * its owner when another replica joins, so a joining replica does not re-send what the owner is re-sending.
     */
    private static Map<String, Object> replayConfig(Map<String, Object> clientConfig, String groupId) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put("group.id", groupId + "-outbox");
        config.put("enable.auto.commit", "false");
        config.put("auto.offset.reset", "earliest");
        config.put("partition.assignment.strategy", CooperativeStickyAssignor.class.getName());
        return config;
    }

    /**
     * Per outbox partition this replica is given: rebuilds what waits there and, once it has read up to the partition's
     * end at assignment, hands that to the dispatcher, once per process. Later records are give-ups of a live replica
     * (this one or another): the partition's next owner, after a restart or a rebalance, re-sends them, so the tail
     * then only follows, idle, to keep its place in {@code /health}.
     */
    private final class OutboxRedelivery implements TailHandler<String, byte[]> {

        private final Map<TopicPartition, OutboxReplay> rebuilding = new HashMap<>();
        private final Map<TopicPartition, Long> endAtAssignment = new HashMap<>();
        private final Set<TopicPartition> handedOver = new HashSet<>();

        @Override
        public void onAssigned(Collection<TopicPartition> partitions) {
            partitions.stream().filter(p -> !handedOver.contains(p)).forEach(p -> rebuilding.put(p, new OutboxReplay()));
        }

        @Override
        public void onRevoked(Collection<TopicPartition> partitions) {
            partitions.forEach(p -> {
                rebuilding.remove(p);
                endAtAssignment.remove(p);
            });
        }

        @Override
        public void accept(ConsumerRecord<String, byte[]> record) {
            OutboxReplay replay = rebuilding.get(new TopicPartition(record.topic(), record.partition()));
            if (replay == null) {
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
            for (Iterator<Map.Entry<TopicPartition, OutboxReplay>> it = rebuilding.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<TopicPartition, OutboxReplay> e = it.next();
                long end = endAtAssignment.computeIfAbsent(e.getKey(),
                        p -> consumer.endOffsets(List.of(p), END_TIMEOUT).get(p));
                if (consumer.position(e.getKey(), END_TIMEOUT) >= end) {
                    it.remove();
                    endAtAssignment.remove(e.getKey());
                    handedOver.add(e.getKey());
                    dispatcher.redeliver(e.getValue().waiting());
                }
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
