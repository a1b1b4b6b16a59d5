package org.alignmentmonitor.streams.topology;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.JudgeRequest;
import org.alignmentmonitor.avro.Label;
import org.alignmentmonitor.avro.RateSnapshot;
import org.alignmentmonitor.avro.ReviewTask;
import org.alignmentmonitor.avro.TrainingExample;
import org.alignmentmonitor.avro.Verdict;
import org.alignmentmonitor.schemas.registry.InMemorySchemaRegistryClient;
import org.alignmentmonitor.streams.app.MonitorSerdes;
import org.alignmentmonitor.streams.app.StreamsProperties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/** The monitor topology in a TopologyTestDriver with every topic a test reads or writes. */
final class TopologyFixture implements AutoCloseable {

    final TopicNames names = TopicNames.defaults();
    final MonitorTopics topics = MonitorSerdes.topics(names, new InMemorySchemaRegistryClient());
    final TopologyTestDriver driver;
    final TestInputTopic<String, Interaction> interactions;
    final TestInputTopic<String, byte[]> rawInteractions;
    final TestInputTopic<String, Label> labels;
    final TestOutputTopic<String, Verdict> verdicts;
    final TestOutputTopic<String, ReviewTask> reviewTasks;
    final TestOutputTopic<String, RateSnapshot> rates;
    final TestOutputTopic<String, String> deadLetters;
    final TestOutputTopic<String, String> labelDeadLetters;
    final TestInputTopic<String, Verdict> judgments;
    final TestOutputTopic<String, JudgeRequest> judgeRequests;
    final TestOutputTopic<String, TrainingExample> trainingExamples;
    final TestOutputTopic<String, String> judgmentDeadLetters;

    TopologyFixture(TopologySettings settings, Instant wallClock) {
        StreamsBuilder builder = new StreamsBuilder();
        MonitorTopology.define(builder, topics, settings);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        StreamsProperties.errorHandling(props);
        driver = new TopologyTestDriver(builder.build(), props, wallClock);
        StringSerializer keys = new StringSerializer();
        StringDeserializer keysOut = new StringDeserializer();
        interactions = driver.createInputTopic(names.interactions(), keys, topics.interactions().valueSerde().serializer());
        rawInteractions = driver.createInputTopic(names.interactions(), keys, new ByteArraySerializer());
        labels = driver.createInputTopic(names.labels(), keys, topics.labels().valueSerde().serializer());
        verdicts = driver.createOutputTopic(names.verdicts(), keysOut, topics.verdicts().valueSerde().deserializer());
        reviewTasks = driver.createOutputTopic(names.reviewTasks(), keysOut, topics.reviewTasks().valueSerde().deserializer());
        rates = driver.createOutputTopic(names.rates(), keysOut, topics.rates().valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(DeadLetterTopics.of(names.interactions()), keysOut, keysOut);
        labelDeadLetters = driver.createOutputTopic(DeadLetterTopics.of(names.labels()), keysOut, keysOut);
        judgments = driver.createInputTopic(names.judgments(), keys, topics.judgments().valueSerde().serializer());
        judgeRequests = driver.createOutputTopic(names.judgeRequests(), keysOut, topics.judgeRequests().valueSerde().deserializer());
        trainingExamples = driver.createOutputTopic(names.trainingExamples(), keysOut, topics.trainingExamples().valueSerde().deserializer());
        judgmentDeadLetters = driver.createOutputTopic(DeadLetterTopics.of(names.judgments()), keysOut, keysOut);
    }

    void send(Interaction interaction, Instant timestamp) {
        interactions.pipeInput(interaction.getId(), interaction, timestamp);
    }

    void flush() {
        driver.advanceWallClockTime(Duration.ofSeconds(2));
    }

    void publish() {
        driver.advanceWallClockTime(Duration.ofSeconds(11));
    }

    BucketStats stored(String store, BucketKey key) {
        KeyValueStore<BucketKey, BucketStats> s = driver.getKeyValueStore(store);
        return s.get(key);
    }

    static String header(TestRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    double droppedRecords() {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals("dropped-records-total"))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .sum();
    }

    @Override
    public void close() {
        driver.close();
    }
}
