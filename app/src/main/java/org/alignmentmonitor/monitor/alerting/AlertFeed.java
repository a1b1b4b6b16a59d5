package org.alignmentmonitor.monitor.alerting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.alignmentmonitor.avro.Alert;
import org.alignmentmonitor.avro.AlertState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the whole alerts topic and keeps the latest event of every alert, for the dashboard and
 * for a 0/1 gauge per alert. Alerts are few, so reading from the start on every launch is cheap and
 * makes the view right after any restart.
 */
public final class AlertFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertFeed.class);

    private final Map<String, Alert> latest = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final KafkaConsumer<String, Alert> consumer;
    private final MeterRegistry registry;
    private final Thread thread;

    public AlertFeed(Map<String, Object> clientConfig, String topic, Deserializer<Alert> values, MeterRegistry registry) {
        Map<String, Object> config = new java.util.HashMap<>(clientConfig);
        config.put("isolation.level", "read_committed");
        config.put("enable.auto.commit", "false");
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), values);
        this.registry = registry;
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.thread = new Thread(this::run, "alert-feed");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running.get()) {
                for (ConsumerRecord<String, Alert> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() != null) {
                        accept(record.value());
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("Alert feed stopped", e);
        } finally {
            consumer.close();
        }
    }

    private void accept(Alert alert) {
        boolean isNew = latest.put(alert.getAlertId(), alert) == null;
        if (isNew) {
            Gauge.builder("alignment_monitor_alert_firing", latest,
                            m -> m.get(alert.getAlertId()).getState() == AlertState.FIRING ? 1 : 0)
                    .description("1 while the alert is firing, 0 once resolved")
                    .tags(Tags.of("alert", alert.getAlertId(), "rule", alert.getRuleId(), "model", alert.getModel(),
                            "version", alert.getVersion(), "severity", alert.getSeverity()))
                    .register(registry);
        }
    }

    /** Every alert's latest event, firing ones first, newest first. */
    public List<Alert> current() {
        List<Alert> all = new ArrayList<>(latest.values());
        all.sort(Comparator.comparing((Alert a) -> a.getState() != AlertState.FIRING).thenComparing(Alert::getAt, Comparator.reverseOrder()));
        return all;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        consumer.wakeup();
        thread.join(10_000);
    }
}
