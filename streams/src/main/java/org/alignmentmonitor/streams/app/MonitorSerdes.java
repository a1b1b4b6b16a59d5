package org.alignmentmonitor.streams.app;

import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.Verdict;
import org.alignmentmonitor.schemas.registry.AvroSerdes;
import org.alignmentmonitor.schemas.registry.SchemaRegistryClient;
import org.alignmentmonitor.streams.topology.MonitorTopics;
import org.alignmentmonitor.streams.topology.Topic;
import org.alignmentmonitor.streams.topology.TopicNames;
import org.apache.kafka.common.serialization.Serdes;

/** Pairs the topic names with Confluent wire-format Avro serdes backed by a schema registry. */
public final class MonitorSerdes {

    private MonitorSerdes() {
    }

    public static MonitorTopics topics(TopicNames names, SchemaRegistryClient registry) {
        return new MonitorTopics(
                new Topic<>(names.interactions(), Serdes.String(), AvroSerdes.specific(Interaction.class, registry, false)),
                new Topic<>(names.verdicts(), Serdes.String(), AvroSerdes.specific(Verdict.class, registry, false)),
                new Topic<>(names.rates(), Serdes.String(), AvroSerdes.specific(BucketStats.class, registry, false)),
                AvroSerdes.specific(BucketStats.class, registry, false));
    }
}
