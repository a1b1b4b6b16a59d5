package org.alignmentmonitor.monitor.certificates;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.alignmentmonitor.monitor.runtime.TopicProvisioner;
import org.alignmentmonitor.monitor.runtime.TopicScan;
import org.alignmentmonitor.streams.topology.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Issued certificates on a compacted topic, keyed by certificate id. The value is the sealed JSON
 * document byte for byte (not Avro like the other topics): the signature is over its content, so
 * the stored bytes are what an auditor downloads and verifies.
 */
public final class CertificateLog implements AutoCloseable {

    /** A reader gives up on a listing after this long rather than hang a request. */
    private static final Duration READ_LIMIT = Duration.ofSeconds(10);

    private final Map<String, Object> clientConfig;
    private final String topic;
    private final KafkaProducer<String, byte[]> producer;

    public CertificateLog(Map<String, Object> clientConfig, String topic, Admin admin, short replication) {
        this.clientConfig = Map.copyOf(clientConfig);
        this.topic = topic;
        TopicProvisioner.ensure(admin, List.of(new TopicProvisioner.TopicSpec(topic, 1, replication,
                Map.of("cleanup.policy", "compact", "retention.ms", "-1"))));
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put("acks", "all");
        config.put("enable.idempotence", "true");
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** Appends a sealed certificate and waits until the broker has it. */
    public void append(String id, String document) {
        try {
            producer.send(new ProducerRecord<>(topic, id, document.getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing certificate " + id, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not store certificate " + id + ": " + e.getMessage(), e);
        }
    }

    /** Every stored certificate, oldest first: the topic read from its start to its current end. */
    public Map<String, String> readAll() {
        Map<String, String> out = new LinkedHashMap<>();
        TopicScan.readRecords(clientConfig, new Topic<>(topic, Serdes.String(), Serdes.ByteArray()), READ_LIMIT, r -> {
            out.remove(r.key());
            if (r.value() != null) {
                out.put(r.key(), new String(r.value(), StandardCharsets.UTF_8));
            }
        });
        return out;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
