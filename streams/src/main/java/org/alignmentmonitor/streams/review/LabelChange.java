package org.alignmentmonitor.streams.review;

import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.avro.Label;
import org.alignmentmonitor.avro.LabelValue;
import org.alignmentmonitor.avro.ReviewTask;
import org.alignmentmonitor.avro.TrainingExample;
import org.alignmentmonitor.streams.topology.BucketKey;
import org.alignmentmonitor.streams.topology.BucketStatsMath;

/**
 * A change of an interaction's effective label, passed between processors of one task (never
 * serialized): what it adds to the rates and what the learned classifier learns from it.
 *
 * @param previous the label it replaces, or null for the first label
 */
public record LabelChange(ReviewTask task, LabelValue previous, Label label) {

    public BucketKey bucket(long bucketMs) {
        long eventTime = task.getEventTime().toEpochMilli();
        return new BucketKey(task.getModel(), task.getVersion(), eventTime - Math.floorMod(eventTime, bucketMs));
    }

    /** The new label's contribution minus the old one's, for the interaction's bucket. */
    public BucketStats delta(long bucketMs) {
        return BucketStatsMath.labelDelta(bucket(bucketMs), bucketMs, task.getScore(), task.getInclusionProbability(),
                previous, label.getLabel());
    }

    public TrainingExample trainingExample() {
        return new TrainingExample(task.getInteractionId(), task, label.getLabel(), previous, label.getLabeller(), label.getLabelledAt());
    }
}
