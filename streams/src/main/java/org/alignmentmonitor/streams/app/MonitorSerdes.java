package org.alignmentmonitor.streams.app;

import org.alignmentmonitor.avro.Alert;
import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.JudgeRequest;
import org.alignmentmonitor.avro.Label;
import org.alignmentmonitor.avro.RateSnapshot;
import org.alignmentmonitor.avro.ReviewTask;
import org.alignmentmonitor.avro.TrainingExample;
import org.alignmentmonitor.avro.Verdict;
import org.alignmentmonitor.schemas.registry.AvroSerdes;
import org.alignmentmonitor.schemas.registry.SchemaRegistryClient;
import org.alignmentmonitor.streams.topology.BucketStatsSerde;
import org.alignmentmonitor.streams.topology.MonitorTopics;
import org.alignmentmonitor.streams.topology.Topic;
import org.alignmentmonitor.streams.topology.TopicNames;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Pairs the topic names with Confluent wire-format Avro serdes backed by a schema registry; the partial statistics,
 * which only the topology's own stores and repartition topics hold, use the compact {@link BucketStatsSerde}.
 */
public final class MonitorSerdes {

    private MonitorSerdes() {
    }

    public static MonitorTopics topics(TopicNames names, SchemaRegistryClient registry) {
        return new MonitorTopics(
                new Topic<>(names.interactions(), Serdes.String(), AvroSerdes.specific(Interaction.class, registry, false)),
                new Topic<>(names.verdicts(), Serdes.String(), AvroSerdes.specific(Verdict.class, registry, false)),
                new Topic<>(names.reviewTasks(), Serdes.String(), AvroSerdes.specific(ReviewTask.class, registry, false)),
                new Topic<>(names.labels(), Serdes.String(), AvroSerdes.specific(Label.class, registry, false)),
                new Topic<>(names.rates(), Serdes.String(), AvroSerdes.specific(RateSnapshot.class, registry, false)),
                new Topic<>(names.alerts(), Serdes.String(), AvroSerdes.specific(Alert.class, registry, false)),
                new Topic<>(names.judgeRequests(), Serdes.String(), AvroSerdes.specific(JudgeRequest.class, registry, false)),
                new Topic<>(names.judgments(), Serdes.String(), AvroSerdes.specific(Verdict.class, registry, false)),
                new Topic<>(names.trainingExamples(), Serdes.String(), AvroSerdes.specific(TrainingExample.class, registry, false)),
                new BucketStatsSerde(AvroSerdes.specific(BucketStats.class, registry, false).deserializer()));
    }
}
