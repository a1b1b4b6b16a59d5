package org.alignmentmonitor.monitor.review;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.alignmentmonitor.monitor.runtime.DurableProducers;
import org.alignmentmonitor.review.queue.Assignment;
import org.alignmentmonitor.review.queue.LeaseLog;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every lease change to the compacted review-leases topic, keyed by item id, for the next review process to
 * restore. Sends without waiting (the queue calls it under its lock, and one producer keeps the calls' order): a lease
 * whose record is lost, in the last moment before a crash or while Kafka is down, only returns its item to the queue
 * at a restart, which is what every lease did before.
 */
final class LeasePublisher implements LeaseLog, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeasePublisher.class);
    /** The send happens under the queue's lock: when the cluster is unreachable, give up soon rather than freeze the queue. */
    private static final int MAX_BLOCK_MS = 2_000;

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    LeasePublisher(Map<String, Object> clientConfig, String topic) {
        Map<String, Object> config = DurableProducers.settings(clientConfig, "review-leases");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
    }

    @Override
    public void changed(String itemId, List<Assignment> leases) {
        try {
            producer.send(new ProducerRecord<>(topic, itemId, LeaseRecords.encode(leases)), (metadata, error) -> {
                if (error != null) {
                    LOG.warn("The leases of review item {} were not saved; a restart returns it to the queue: {}", itemId, error.toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("The leases of review item {} were not saved; a restart returns it to the queue: {}", itemId, e.toString());
        }
    }

    /** Waits for every lease sent so far, so a clean stop loses none. */
    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
