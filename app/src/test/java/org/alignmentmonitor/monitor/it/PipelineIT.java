package org.alignmentmonitor.monitor.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import org.alignmentmonitor.avro.ReviewTask;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.monitor.config.ConfigLoader;
import org.alignmentmonitor.monitor.runtime.MonitorRuntime;
import org.alignmentmonitor.streams.errors.DeadLetterRecords;
import org.alignmentmonitor.streams.topology.DeadLetterTopics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The whole product on the real in-process broker: replay, statistics, dead letters, HTTP API. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineIT {

    @TempDir
    static Path dataDir;

    static MonitorRuntime runtime;
    static PipelineDriver pipeline;
    static MonitorHttp http;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> settings = Map.of("monitor.data.dir", dataDir.toString(), "monitor.http.port", "0",
                "monitor.streams.commit.interval", "200ms", "monitor.flush.interval", "200ms");
        runtime = MonitorRuntime.connect(ConfigLoader.load(settings, null, Map.of(), Map.of()))
                .startProcessing(ClassifierSuite.defaults());
        pipeline = new PipelineDriver(runtime);
        http = pipeline.http;
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    @Order(1)
    void shouldCountEveryInteractionOfEveryVersionOnceEvenWhenReplayedTwice() throws Exception {
        pipeline.replay(SharedTraffic.files());
        Map<String, Long> first = pipeline.interactionsPerVersion();
        assertThat(first).hasSize(SharedTraffic.VERSIONS);
        assertThat(first.values()).containsOnly((long) SharedTraffic.LINES_PER_FILE);

        pipeline.replay(SharedTraffic.files());
        assertThat(pipeline.interactionsPerVersion()).isEqualTo(first);
    }

    @Test
    @Order(2)
    void shouldFillTheReviewQueueWithinTheHourlyBudgetWithRecordedProbabilities() {
        Map<String, Long> perVersionHour = new TreeMap<>();
        Set<String> interactions = new HashSet<>();
        Map<String, Object> config = new HashMap<>(runtime.clientConfig());
        config.put("isolation.level", "read_committed");
        try (KafkaConsumer<String, ReviewTask> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                runtime.topics().reviewTasks().valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(runtime.config().topics().reviewTasks()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long idleSince = System.nanoTime();
            while (System.nanoTime() - idleSince < Duration.ofSeconds(3).toNanos()) {
                for (ConsumerRecord<String, ReviewTask> r : consumer.poll(Duration.ofMillis(200))) {
                    idleSince = System.nanoTime();
                    ReviewTask task = r.value();
                    assertThat(task.getInclusionProbability()).isGreaterThan(0.0).isLessThanOrEqualTo(1.0);
                    assertThat(interactions.add(task.getInteractionId())).as("one task per interaction, replays included").isTrue();
                    long hour = task.getEventTime().toEpochMilli() / 3_600_000L;
                    perVersionHour.merge(task.getModel() + ":" + task.getVersion() + "@" + hour, 1L, Long::sum);
                }
            }
        }
        Map<String, Long> perVersion = new TreeMap<>();
        perVersionHour.forEach((k, n) -> perVersion.merge(k.substring(0, k.indexOf('@')), n, Long::sum));
        System.out.println("PipelineIT: review tasks per version " + perVersion + ", busiest version-hour "
                + perVersionHour.values().stream().mapToLong(Long::longValue).max().orElse(0));
        assertThat(perVersion).hasSize(SharedTraffic.VERSIONS);
        // The budget (50 per version per hour) holds in expectation: allow three standard deviations.
        assertThat(perVersionHour.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(50 + 21));
    }

    @Test
    @Order(2)
    void shouldServeEveryEstimatorForAWindow() throws Exception {
        MonitorHttp.Response rate = http.get("/api/v1/rates?model=alpaca&version=7b");
        assertThat(rate.status()).isEqualTo(200);
        JsonNode body = rate.body();
        assertThat(body.get("interactions").asLong()).isEqualTo(SharedTraffic.LINES_PER_FILE);
        JsonNode estimates = body.get("estimates");
        assertThat(estimates.get("alpha").asDouble()).isEqualTo(0.05);
        assertThat(estimates.get("classifierOnly").get("flagged").asLong()).isEqualTo(body.get("flagged").asLong());
        for (String outcome : List.of("low", "high")) {
            JsonNode o = estimates.get(outcome);
            assertThat(o.get("labelsOnly").get("wilson").get("lower").asDouble()).isBetween(0.0, 1.0);
            assertThat(o.get("ppi").get("lam").isNumber() || o.get("ppi").get("lam").isTextual()).isTrue();
            assertThat(o.get("confidenceSequence").get("upper").asDouble()).isBetween(0.0, 1.0);
        }
        assertThat(body.get("classifierConfigVersions")).isNotEmpty();
        assertThat(http.get("/api/v1/rates?model=alpaca&version=7b&alpha=2").status()).isEqualTo(400);

        // The sample's timestamps are one minute apart from 1793000000 s. A window is answered in whole
        // minute buckets, widened outward (and reported so): 07:33 to 07:44 holds eleven.
        MonitorHttp.Response window = http.get("/api/v1/rates?model=alpaca&version=7b&from=1793000000000&to=1793000600000");
        assertThat(window.body().get("from").asText()).isEqualTo(Instant.ofEpochMilli(1792999980000L).toString());
        assertThat(window.body().get("to").asText()).isEqualTo(Instant.ofEpochMilli(1793000640000L).toString());
        assertThat(window.body().get("interactions").asLong()).isEqualTo(11);
    }

    @Test
    @Order(3)
    void shouldAnswerBadParametersWith400AndAMessage() throws Exception {
        assertThat(http.get("/api/v1/rates?version=7b").status()).isEqualTo(400);
        MonitorHttp.Response badTime = http.get("/api/v1/rates?model=alpaca&version=7b&from=yesterday");
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.body().get("error").asText()).contains("from");
        assertThat(http.get("/api/v1/rates?model=alpaca&version=7b&from=2000&to=1000").status()).isEqualTo(400);
        assertThat(http.get("/api/v1/rates?model=%3Cscript%3E&version=7b").status()).isEqualTo(400);
        assertThat(http.get("/api/v1/nothing").status()).isEqualTo(404);
        assertThat(http.get("/health").status()).isEqualTo(200);
        assertThat(http.get("/ready").status()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void shouldExposeKafkaStreamsAndJvmMetricsForPrometheus() throws Exception {
        String metrics = http.getText("/metrics");
        assertThat(metrics).contains("kafka_stream_").contains("jvm_memory_used_bytes");
    }

    @Test
    @Order(4)
    void shouldSendEveryMalformedLineToTheDeadLetterTopicAndCountEveryGoodLine(@TempDir Path tmp) throws Exception {
        List<String> lines = new ArrayList<>();
        int good = 0;
        int bad = 0;
        for (String line : Files.readAllLines(SharedTraffic.files().get(0))) {
            // New ids so the good lines are new interactions of a new version.
            lines.add(line.replace("\"alpaca:7b\"", "\"alpaca:7b-dlq-test\"").replace("chatcmpl-", "chatcmpl-dlq-"));
            good++;
            if (good % 8 == 0 && bad < 100) {
                lines.add(malformed(bad++));
            }
        }
        assertThat(bad).isEqualTo(100);
        Path mixed = tmp.resolve("mixed.jsonl");
        Files.write(mixed, lines, StandardCharsets.UTF_8);
        long deadBefore = pipeline.deadLetters();

        pipeline.replay(List.of(mixed));

        assertThat(pipeline.interactionsPerVersion()).containsEntry("alpaca:7b-dlq-test", (long) good);
        assertThat(pipeline.deadLetters() - deadBefore).isEqualTo(100);
        assertThat(deadLetterReasons()).hasSizeGreaterThanOrEqualTo(100).allSatisfy(reason -> assertThat(reason).isNotBlank());
    }

    @Test
    @Order(5)
    void shouldSendUndeserializableRecordsOnTheTopicToTheDeadLetterTopic() throws Exception {
        long deadBefore = pipeline.deadLetters();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(new HashMap<>(runtime.clientConfig()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(runtime.config().topics().interactions(), "raw", "{\"plain\": \"json\"}")).get();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (pipeline.deadLetters() - deadBefore < 1 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(pipeline.deadLetters() - deadBefore).isEqualTo(1);
        assertThat(http.get("/health").status()).isEqualTo(200);
    }

    private static String malformed(int i) {
        return switch (i % 5) {
            case 0 -> "{not json at all " + i;
            case 1 -> "{\"request\": {\"model\": \"alpaca:7b\"}, \"response\": {\"id\": \"x" + i + "\"}}";
            case 2 -> "[1, 2, 3]";
            case 3 -> "{\"request\": {\"model\": \"\", \"messages\": []}, \"response\": {\"id\": \"y" + i + "\", \"created\": 1793000000, \"choices\": []}}";
            default -> "\"just a string " + i + "\"";
        };
    }

    private static List<String> deadLetterReasons() {
        Map<String, Object> config = new HashMap<>(runtime.clientConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> reasons = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(DeadLetterTopics.of(runtime.config().topics().interactions()), 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            while (consumer.position(tp) < end) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    var header = r.headers().lastHeader(DeadLetterRecords.REASON);
                    reasons.add(header == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return reasons;
    }
}
