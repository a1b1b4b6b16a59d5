package org.alignmentmonitor.monitor.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.alignmentmonitor.avro.AuditEvent;
import org.alignmentmonitor.monitor.runtime.DurableProducers;
import org.alignmentmonitor.monitor.runtime.TopicScan;
import org.alignmentmonitor.streams.topology.Topic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The audit topic: events are appended with acks=all by an idempotent producer and never rewritten (delete policy,
 * unlimited retention). Queries scan the topic from the start: auditors ask rarely and the trail stays small next to
 * the traffic, so no index has to be kept consistent with it.
 */
public final class AuditLog implements AuditTrail, AutoCloseable {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);
    /** The most events one query returns, so an unbounded query cannot exhaust the server's memory. */
    public static final int MAX_RESULTS = 10_000;

    private final Map<String, Object> clientConfig;
    private final Topic<String, AuditEvent> topic;
    private final KafkaProducer<String, AuditEvent> producer;

    public AuditLog(Map<String, Object> clientConfig, Topic<String, AuditEvent> topic) {
        this.clientConfig = Map.copyOf(clientConfig);
        this.topic = topic;
        this.producer = new KafkaProducer<>(DurableProducers.settings(clientConfig, "audit-log"), topic.keySerde().serializer(),
                topic.valueSerde().serializer());
    }

    /** Keyed by actor: one person's actions stay in order on one partition. */
    @Override
    public void record(AuditEvent event) {
        try {
            producer.send(new ProducerRecord<>(topic.name(), event.getActor(), event)).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording an audit event", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the audit event was not confirmed by Kafka", e);
        }
    }

    /** Matching events in the order of their time, at most {@link #MAX_RESULTS}. */
    public List<AuditEvent> query(AuditQuery query) {
        List<AuditEvent> out = new ArrayList<>();
        scan(e -> {
            if (query.matches(e) && out.size() < MAX_RESULTS) {
                out.add(e);
            }
        });
        out.sort((a, b) -> a.getAt().compareTo(b.getAt()));
        return out;
    }

    /** Hands every event on the topic now to {@code sink}. */
    public void scan(Consumer<AuditEvent> sink) {
        TopicScan.readAll(clientConfig, topic, sink);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
