package org.alignmentmonitor.alerts;

import java.util.List;

import org.alignmentmonitor.avro.Alert;

/** The outcome of one observation: the state to store and the events to publish (often none). */
public record Evaluation(LifecycleState state, List<Alert> events) {

    public Evaluation {
        events = List.copyOf(events);
    }
}
