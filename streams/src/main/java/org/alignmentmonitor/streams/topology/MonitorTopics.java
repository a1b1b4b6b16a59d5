package org.alignmentmonitor.streams.topology;

import org.alignmentmonitor.avro.Alert;
import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.JudgeRequest;
import org.alignmentmonitor.avro.Label;
import org.alignmentmonitor.avro.RateSnapshot;
import org.alignmentmonitor.avro.ReviewTask;
import org.alignmentmonitor.avro.TrainingExample;
import org.alignmentmonitor.avro.Verdict;
import org.apache.kafka.common.serialization.Serde;

/** The topics and serdes a topology needs; built apart from the topology so tests and apps choose the wire format. */
public record MonitorTopics(
        Topic<String, Interaction> interactions,
        Topic<String, Verdict> verdicts,
        Topic<String, ReviewTask> reviewTasks,
        Topic<String, Label> labels,
        Topic<String, RateSnapshot> rates,
        Topic<String, Alert> alerts,
        Topic<String, JudgeRequest> judgeRequests,
        Topic<String, Verdict> judgments,
        Topic<String, TrainingExample> trainingExamples,
        Serde<BucketStats> bucketStatsSerde) {
}
