package org.alignmentmonitor.streams.review;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.alignmentmonitor.avro.Label;
import org.alignmentmonitor.avro.ReviewTask;
import org.alignmentmonitor.streams.errors.InvalidRecordException;
import org.alignmentmonitor.streams.topology.Names;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Decides, for each label arriving within the horizon, whether it changes the interaction's effective
 * label: the latest given (a correction replaces it, the topic keeps the history). A changed label
 * emits a {@link LabelChange} (the rates add the new contribution minus the old, the learned
 * classifier one more example), a repeated one nothing. Labels on gold items never reach the rates.
 */
public final class LabelApplier implements Processor<String, Label, String, LabelChange> {

    /** Task-id prefix of hidden gold items. */
    public static final String GOLD_PREFIX = "gold:";

    private final Duration horizon;
    private ProcessorContext<String, LabelChange> context;
    private KeyValueStore<String, ReviewTask> tasks;
    private KeyValueStore<String, Label> effective;

    public LabelApplier(Duration horizon) {
        this.horizon = horizon;
    }

    @Override
    public void init(ProcessorContext<String, LabelChange> context) {
        this.context = context;
        this.tasks = context.getStateStore(Names.REVIEW_TASK_STORE);
        this.effective = context.getStateStore(Names.EFFECTIVE_LABEL_STORE);
        context.schedule(Duration.ofHours(1), PunctuationType.STREAM_TIME, this::expire);
    }

    @Override
    public void process(Record<String, Label> record) {
        Label label = record.value();
        if (label == null || label.getInteractionId() == null || label.getInteractionId().isBlank()) {
            throw new InvalidRecordException("label without an interaction id");
        }
        if (label.getTaskId().startsWith(GOLD_PREFIX)) {
            return;  // gold items are planted by the review queue, never traffic: they check labellers, not models
        }
        ReviewTask task = tasks.get(label.getInteractionId());
        if (task == null) {
            throw new InvalidRecordException("label for interaction " + label.getInteractionId()
                    + " that has no review task (never sampled, or older than the label horizon)");
        }
        if (task.getGold()) {
            return;
        }
        long age = label.getLabelledAt().toEpochMilli() - task.getEventTime().toEpochMilli();
        if (age > horizon.toMillis()) {
            throw new InvalidRecordException("label given " + Duration.ofMillis(age).toHours() + " h after its interaction; the horizon is "
                    + horizon.toHours() + " h");
        }
        Label previous = effective.get(label.getInteractionId());
        if (previous != null && previous.getLabelledAt().isAfter(label.getLabelledAt())) {
            return;  // an older label replayed or delivered late: the later one stays in force
        }
        effective.put(label.getInteractionId(), label);
        if (previous != null && previous.getLabel() == label.getLabel()) {
            return;
        }
        context.forward(new Record<>(label.getInteractionId(), new LabelChange(task, previous == null ? null : previous.getLabel(), label),
                record.timestamp()));
    }

    /** Tasks and effective labels past the horizon can no longer change a rate. */
    private void expire(long streamTime) {
        long cutoff = streamTime - horizon.toMillis();
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, ReviewTask> it = tasks.all()) {
            it.forEachRemaining(kv -> {
                if (kv.value.getEventTime().toEpochMilli() < cutoff) {
                    old.add(kv.key);
                }
            });
        }
        old.forEach(id -> {
            tasks.delete(id);
            effective.delete(id);
        });
    }
}
