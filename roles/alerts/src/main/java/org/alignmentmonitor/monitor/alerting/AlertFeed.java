package org.alignmentmonitor.monitor.alerting;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.alignmentmonitor.avro.Alert;
import org.alignmentmonitor.avro.AlertState;
import org.alignmentmonitor.monitor.runtime.tail.SupervisedTail;
import org.alignmentmonitor.monitor.runtime.tail.TailSpec;
import org.alignmentmonitor.monitor.runtime.tail.Tails;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the whole alerts topic and keeps the latest event of every alert, for the dashboard and
 * for a 0/1 gauge per alert. Alerts are few, so reading from the start on every launch is cheap and
 * makes the view right after any restart.
 */
public final class AlertFeed implements AutoCloseable {

    private final Map<String, Alert> latest = new ConcurrentHashMap<>();
    private final MeterRegistry registry;
    private final SupervisedTail<String, Alert> tail;

    public AlertFeed(Map<String, Object> clientConfig, String topic, Deserializer<Alert> values, MeterRegistry registry, Tails tails) {
        Map<String, Object> config = new java.util.HashMap<>(clientConfig);
        config.put("isolation.level", "read_committed");
        config.put("enable.auto.commit", "false");
        this.registry = registry;
        this.tail = tails.start(TailSpec.fromBeginning("alert-feed", config, new StringDeserializer(), values, List.of(topic)),
                record -> {
                    if (record.value() != null) {
                        accept(record.value());
                    }
                });
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
        tail.close();
    }
}
