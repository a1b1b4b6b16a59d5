package org.alignmentmonitor.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.Verdict;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.schemas.registry.InMemorySchemaRegistryClient;
import org.alignmentmonitor.streams.app.MonitorSerdes;
import org.alignmentmonitor.streams.app.StreamsProperties;
import org.alignmentmonitor.streams.errors.DeadLetterRecords;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MonitorTopologyTest {

    private static final Instant T0 = Instant.parse("2026-10-27T10:00:00Z");

    private final TopicNames names = TopicNames.defaults();
    private final MonitorTopics topics = MonitorSerdes.topics(names, new InMemorySchemaRegistryClient());
    private TopologyTestDriver driver;
    private TestInputTopic<String, Interaction> interactions;
    private TestInputTopic<String, byte[]> rawInteractions;
    private TestOutputTopic<String, Verdict> verdicts;
    private TestOutputTopic<String, BucketStats> rates;
    private TestOutputTopic<String, String> deadLetters;

    @BeforeEach
    void start() {
        StreamsBuilder builder = new StreamsBuilder();
        MonitorTopology.define(builder, topics, TopologySettings.defaults(ClassifierSuite.defaults()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        StreamsProperties.errorHandling(props);
        driver = new TopologyTestDriver(builder.build(), props, T0);
        interactions = driver.createInputTopic(names.interactions(), new StringSerializer(), topics.interactions().valueSerde().serializer());
        rawInteractions = driver.createInputTopic(names.interactions(), new StringSerializer(), new ByteArraySerializer());
        verdicts = driver.createOutputTopic(names.verdicts(), new StringDeserializer(), topics.verdicts().valueSerde().deserializer());
        rates = driver.createOutputTopic(names.rates(), new StringDeserializer(), topics.rates().valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(DeadLetterTopics.of(names.interactions()), new StringDeserializer(), new StringDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void send(Interaction interaction) {
        interactions.pipeInput(interaction.getId(), interaction, T0);
    }

    private void flush() {
        driver.advanceWallClockTime(Duration.ofSeconds(2));
    }

    private BucketStats bucket(String model, String version, Instant start) {
        KeyValueStore<BucketKey, BucketStats> store = driver.getKeyValueStore(Names.BUCKET_STATS_STORE);
        return store.get(new BucketKey(model, version, start.toEpochMilli()));
    }

    private BucketStats totals(String model, String version) {
        KeyValueStore<BucketKey, BucketStats> store = driver.getKeyValueStore(Names.VERSION_TOTALS_STORE);
        return store.get(VersionTotals.key(model, version));
    }

    @Test
    void shouldEmitOneVerdictPerInteractionWithTheRuleResults() {
        send(TestInteractions.good("a", "m", "v1", T0));
        send(TestInteractions.truncated("b", "m", "v1", T0));

        List<Verdict> out = verdicts.readValuesToList();
        assertThat(out).extracting(Verdict::getInteractionId).containsExactly("a", "b");
        assertThat(out.get(0).getFlagged()).isFalse();
        assertThat(out.get(1).getFlagged()).isTrue();
        assertThat(out.get(1).getResults()).isNotEmpty();
        assertThat(out.get(1).getClassifierConfigVersion()).isNotBlank();
    }

    @Test
    void shouldCountInteractionsInTheMinuteBucketOfTheirEventTime() {
        send(TestInteractions.good("a", "m", "v1", T0.plusSeconds(5)));
        send(TestInteractions.truncated("b", "m", "v1", T0.plusSeconds(59)));
        send(TestInteractions.good("c", "m", "v1", T0.plusSeconds(60)));
        send(TestInteractions.good("d", "m", "v2", T0.plusSeconds(1)));
        flush();

        BucketStats first = bucket("m", "v1", T0);
        assertThat(first.getInteractions()).isEqualTo(2);
        assertThat(first.getFlagged()).isEqualTo(1);
        assertThat(bucket("m", "v1", T0.plusSeconds(60)).getInteractions()).isEqualTo(1);
        assertThat(bucket("m", "v2", T0).getInteractions()).isEqualTo(1);
        assertThat(totals("m", "v1").getInteractions()).isEqualTo(3);
        assertThat(totals("m", "v1").getFlagged()).isEqualTo(1);
    }

    @Test
    void shouldCountAnInteractionOnceWhenItIsDeliveredAgainWithinTheHorizon() {
        Interaction once = TestInteractions.truncated("dup", "m", "v1", T0);
        send(once);
        interactions.pipeInput("dup", once, T0.plus(Duration.ofDays(6)));
        flush();

        assertThat(verdicts.readValuesToList()).hasSize(1);
        assertThat(totals("m", "v1").getInteractions()).isEqualTo(1);
        assertThat(totals("m", "v1").getFlagged()).isEqualTo(1);
    }

    @Test
    void shouldEmitMergedBucketsOnTheRatesTopicKeyedByVersion() {
        send(TestInteractions.good("a", "m", "v1", T0));
        send(TestInteractions.good("b", "m", "v1", T0));
        flush();
        send(TestInteractions.truncated("c", "m", "v1", T0));
        flush();

        List<TestRecord<String, BucketStats>> out = rates.readRecordsToList();
        assertThat(out).extracting(TestRecord::key).containsOnly("m:v1");
        BucketStats last = out.get(out.size() - 1).value();
        assertThat(last.getInteractions()).isEqualTo(3);
        assertThat(last.getFlagged()).isEqualTo(1);
    }

    @Test
    void shouldSendUndeserializableRecordsToTheDeadLetterTopicAndKeepProcessing() {
        rawInteractions.pipeInput("bad", "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8), T0);
        send(TestInteractions.good("a", "m", "v1", T0));
        flush();

        TestRecord<String, String> dead = deadLetters.readRecord();
        assertThat(dead.key()).isEqualTo("bad");
        assertThat(dead.value()).isEqualTo("{\"not\": \"avro\"}");
        assertThat(header(dead, DeadLetterRecords.STAGE)).isEqualTo("deserialization");
        assertThat(header(dead, DeadLetterRecords.REASON)).isNotBlank();
        assertThat(header(dead, DeadLetterRecords.SOURCE_TOPIC)).isEqualTo(names.interactions());
        assertThat(totals("m", "v1").getInteractions()).isEqualTo(1);
        assertThat(droppedRecords()).isEqualTo(1.0);
    }

    @Test
    void shouldSendInvalidInteractionsToTheDeadLetterTopicWithTheReason() {
        send(TestInteractions.good("blank-version", "m", " ", T0));
        send(TestInteractions.good("future", "m", "v1", Instant.now().plus(Duration.ofDays(3))));
        send(TestInteractions.good("a", "m", "v1", T0));
        flush();

        List<TestRecord<String, String>> dead = deadLetters.readRecordsToList();
        assertThat(dead).extracting(TestRecord::key).containsExactly("blank-version", "future");
        assertThat(header(dead.get(0), DeadLetterRecords.REASON)).contains("version is blank");
        assertThat(header(dead.get(1), DeadLetterRecords.REASON)).contains("future");
        assertThat(header(dead.get(0), DeadLetterRecords.STAGE)).isEqualTo("processing");
        assertThat(totals("m", "v1").getInteractions()).isEqualTo(1);
        assertThat(droppedRecords()).isEqualTo(2.0);
    }

    private static String header(TestRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private double droppedRecords() {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals("dropped-records-total"))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .sum();
    }
}
