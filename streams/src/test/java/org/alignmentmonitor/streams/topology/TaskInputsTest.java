package org.alignmentmonitor.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.schemas.registry.InMemorySchemaRegistryClient;
import org.alignmentmonitor.streams.app.MonitorSerdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * The task that processes interactions reads no other topic: Kafka Streams formats log strings for every empty
 * input partition of a task before each record it processes, which cost 17% of the stream thread when labels,
 * judgments and review tasks shared the task.
 */
class TaskInputsTest {

    @Test
    void shouldReadOnlyTheInteractionsTopicWhenProcessingInteractions() {
        TopicNames names = TopicNames.defaults();
        StreamsBuilder builder = new StreamsBuilder();
        MonitorTopology.define(builder, MonitorSerdes.topics(names, new InMemorySchemaRegistryClient()),
                TopologySettings.defaults(ClassifierSuite.of("none", List.of())));

        TopologyDescription.Subtopology interactionsTask = builder.build().describe().subtopologies().stream()
                .filter(s -> s.nodes().stream().anyMatch(n -> n.name().equals(Names.INTERACTIONS_SOURCE)))
                .findFirst().orElseThrow();

        assertThat(interactionsTask.nodes().stream()
                .filter(n -> n instanceof TopologyDescription.Source)
                .flatMap(n -> ((TopologyDescription.Source) n).topicSet().stream()))
                .containsExactlyElementsOf(Set.of(names.interactions()));
    }
}
