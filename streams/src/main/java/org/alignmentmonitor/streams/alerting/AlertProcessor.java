package org.alignmentmonitor.streams.alerting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.alignmentmonitor.alerts.AlertEngine;
import org.alignmentmonitor.alerts.Evaluation;
import org.alignmentmonitor.alerts.LifecycleState;
import org.alignmentmonitor.alerts.Observation;
import org.alignmentmonitor.avro.Alert;
import org.alignmentmonitor.avro.RateSnapshot;
import org.alignmentmonitor.streams.topology.Names;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Evaluates the alert rules on every rate snapshot and emits FIRING / RESOLVED events. Snapshots
 * arrive keyed by model, so every version of a model meets here and a regression rule can compare
 * a version with the one deployed before it (the version first seen most recently before it).
 * The lifecycle state lives in a logged store, so a restart neither repeats nor forgets an alert.
 */
public final class AlertProcessor implements Processor<String, RateSnapshot, String, Alert> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AlertEngine engine;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, String> states;
    private KeyValueStore<String, RateSnapshot> latest;
    private KeyValueStore<String, Long> firstSeen;

    public AlertProcessor(AlertEngine engine) {
        this.engine = engine;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.states = context.getStateStore(Names.ALERT_STATE_STORE);
        this.latest = context.getStateStore(Names.LATEST_RATE_STORE);
        this.firstSeen = context.getStateStore(Names.VERSION_FIRST_SEEN_STORE);
    }

    @Override
    public void process(Record<String, RateSnapshot> record) {
        RateSnapshot snapshot = record.value();
        if (snapshot == null) {
            return;
        }
        String version = snapshot.getModel() + ":" + snapshot.getVersion();
        firstSeen.putIfAbsent(version, snapshot.getAt().toEpochMilli());
        latest.put(version + "/" + snapshot.getWindow(), snapshot);
        RateSnapshot previous = previousVersion(snapshot);
        LifecycleState state = load(snapshot.getModel());
        Evaluation evaluation = engine.evaluate(state, observation(snapshot), previous == null ? null : observation(previous));
        if (!evaluation.state().equals(state)) {
            save(snapshot.getModel(), evaluation.state());
        }
        for (Alert alert : evaluation.events()) {
            context.forward(new Record<>(alert.getAlertId(), alert, record.timestamp()));
        }
    }

    /** The same window of the version of this model first seen most recently before this one. */
    private RateSnapshot previousVersion(RateSnapshot snapshot) {
        long mine = firstSeen.get(snapshot.getModel() + ":" + snapshot.getVersion());
        String best = null;
        long bestSeen = Long.MIN_VALUE;
        try (KeyValueIterator<String, Long> versions = firstSeen.prefixScan(snapshot.getModel() + ":", new StringSerializer())) {
            while (versions.hasNext()) {
                var v = versions.next();
                boolean sameModel = v.key.lastIndexOf(':') == snapshot.getModel().length();
                if (sameModel && v.value < mine && v.value > bestSeen) {
                    best = v.key;
                    bestSeen = v.value;
                }
            }
        }
        return best == null ? null : latest.get(best + "/" + snapshot.getWindow());
    }

    static Observation observation(RateSnapshot s) {
        return new Observation(s.getModel(), s.getVersion(), s.getWindowStart(), s.getWindowEnd(), s.getAt(),
                s.getInteractions(), s.getFlagged(), s.getLabelled(), s.getMisaligned(), s.getMisaligned() + s.getAmbiguous(),
                s.getLow().getPpi(), s.getHigh().getPpi());
    }

    private LifecycleState load(String model) {
        String json = states.get(model);
        try {
            return json == null ? LifecycleState.EMPTY : JSON.readValue(json, LifecycleState.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable alert state of model " + model, e);
        }
    }

    private void save(String model, LifecycleState state) {
        try {
            states.put(model, JSON.writeValueAsString(Objects.requireNonNull(state)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
