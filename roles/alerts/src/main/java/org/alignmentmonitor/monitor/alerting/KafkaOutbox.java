package org.alignmentmonitor.monitor.alerting;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.alignmentmonitor.alerts.webhook.Outbox;
import org.alignmentmonitor.monitor.runtime.DurableProducers;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The webhook outbox on a compacted topic, keyed by event and endpoint: an entry is a record, its delivery a
 * tombstone. It lives on the cluster, so an alerts process on a new pod (with an empty disk) still finds it;
 * {@link OutboxReplay} reads it back.
 */
final class KafkaOutbox implements Outbox, AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    KafkaOutbox(Map<String, Object> clientConfig, String topic) {
        this.producer = new KafkaProducer<>(DurableProducers.settings(clientConfig, "alert-outbox"), new StringSerializer(),
                new ByteArraySerializer());
        this.topic = topic;
    }

    @Override
    public CompletableFuture<Void> keep(Entry entry) {
        return send(entry.key(), OutboxReplay.encode(entry));
    }

    @Override
    public CompletableFuture<Void> remove(Entry entry) {
        return send(entry.key(), null);
    }

    /** Completes once all in-sync replicas have the record. */
    private CompletableFuture<Void> send(String key, byte[] value) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
                if (error == null) {
                    acknowledged.complete(null);
                } else {
                    acknowledged.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            // A closed producer or a metadata timeout: the entry stays as it was (kept, or waiting for its tombstone).
            acknowledged.completeExceptionally(e);
        }
        return acknowledged;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
