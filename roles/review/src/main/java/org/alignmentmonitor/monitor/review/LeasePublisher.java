package org.alignmentmonitor.monitor.review;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.alignmentmonitor.monitor.runtime.DurableProducers;
import org.alignmentmonitor.review.queue.LeaseLog;
import org.alignmentmonitor.review.queue.LeaseRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The lease log on the compacted review-leases topic, keyed by item id (one partition per item orders its records): writes
 * a proposal and completes its future when this replica's feed reads it back ({@link #readBack}), with the log's verdict.
 */
final class LeasePublisher implements LeaseLog, AutoCloseable {

    /** A labeller waits on this: when the cluster is unreachable, give up soon rather than hang the page. */
    private static final int MAX_BLOCK_MS = 2_000;

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final Map<String, CompletableFuture<Boolean>> pending = new ConcurrentHashMap<>();

    LeasePublisher(Map<String, Object> clientConfig, String topic) {
        Map<String, Object> config = DurableProducers.settings(clientConfig, "review-leases");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
    }

    @Override
    public CompletableFuture<Boolean> append(LeaseRecord record) {
        CompletableFuture<Boolean> outcome = new CompletableFuture<>();
        pending.put(record.proposal(), outcome);
        // Forget the proposal however it ends, including a labeller who stopped waiting.
        outcome.whenComplete((holds, error) -> pending.remove(record.proposal()));
        try {
            producer.send(new ProducerRecord<>(topic, record.itemId(), LeaseRecords.encode(record)), (metadata, error) -> {
                if (error != null) {
                    outcome.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            outcome.completeExceptionally(e);
        }
        return outcome;
    }

    /** The feed read {@code record} and the queue applied it: settles this replica's proposal, if it is one. */
    void readBack(LeaseRecord record, boolean holds) {
        CompletableFuture<Boolean> outcome = pending.get(record.proposal());
        if (outcome != null) {
            outcome.complete(holds);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
        pending.values().forEach(f -> f.cancel(false));
    }
}
