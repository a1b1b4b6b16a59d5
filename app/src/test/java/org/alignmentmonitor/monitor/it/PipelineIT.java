package org.alignmentmonitor.monitor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import com.fasterxml.jackson.databind.ObjectMapper;
import org.alignmentmonitor.avro.Label;
import org.alignmentmonitor.avro.LabelValue;
import org.alignmentmonitor.avro.ReviewTask;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.monitor.certificates.CertificateSeal;
import org.alignmentmonitor.monitor.cli.MonitorCli;
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
        List<String> duplicates = new ArrayList<>();
        List<Double> badProbabilities = new ArrayList<>();
        try (KafkaConsumer<String, ReviewTask> consumer = reviewTasksFromStart()) {
            List<TopicPartition> partitions = List.copyOf(consumer.assignment());
            // Invariants are collected, not asserted, in the loop: a failed assertion there would only be retried.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (ConsumerRecord<String, ReviewTask> r : consumer.poll(Duration.ofMillis(200))) {
                    ReviewTask task = r.value();
                    if (!(task.getInclusionProbability() > 0.0 && task.getInclusionProbability() <= 1.0)) {
                        badProbabilities.add(task.getInclusionProbability());
                    }
                    if (!interactions.add(task.getInteractionId())) {
                        duplicates.add(task.getInteractionId());
                    }
                    long hour = task.getEventTime().toEpochMilli() / 3_600_000L;
                    perVersionHour.merge(task.getModel() + ":" + task.getVersion() + "@" + hour, 1L, Long::sum);
                }
                assertThat(versions(perVersionHour.keySet())).as("versions with review tasks").hasSize(SharedTraffic.VERSIONS);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                assertThat(partitions).allSatisfy(p -> assertThat(consumer.position(p)).as("%s read to its end", p)
                        .isGreaterThanOrEqualTo(end.get(p)));
            });
        }
        assertThat(badProbabilities).as("inclusion probabilities outside (0, 1]").isEmpty();
        assertThat(duplicates).as("one task per interaction, replays included").isEmpty();
        Map<String, Long> perVersion = new TreeMap<>();
        perVersionHour.forEach((k, n) -> perVersion.merge(k.substring(0, k.indexOf('@')), n, Long::sum));
        assertThat(perVersion).hasSize(SharedTraffic.VERSIONS);
        // The budget (50 per version per hour) holds in expectation: allow three standard deviations.
        assertThat(perVersionHour.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(50 + 21));
    }

    @Test
    @Order(2)
    void shouldServeEveryEstimatorForAWindow() throws Exception {
        JsonNode body = http.getOk("/api/v1/rates?model=alpaca&version=7b");
        assertThat(body.path("interactions").asLong()).isEqualTo(SharedTraffic.LINES_PER_FILE);
        JsonNode estimates = body.path("estimates");
        assertThat(estimates.path("alpha").asDouble()).isEqualTo(0.05);
        assertThat(estimates.at("/classifierOnly/flagged").asLong()).isEqualTo(body.path("flagged").asLong());
        for (String outcome : List.of("low", "high")) {
            JsonNode o = estimates.path(outcome);
            assertThat(o.at("/labelsOnly/wilson/lower").asDouble(-1)).isBetween(0.0, 1.0);
            assertThat(o.at("/ppi/lam").isNumber() || o.at("/ppi/lam").isTextual()).isTrue();
            assertThat(o.at("/confidenceSequence/upper").asDouble(-1)).isBetween(0.0, 1.0);
        }
        assertThat(body.path("classifierConfigVersions")).isNotEmpty();
        assertThat(http.get("/api/v1/rates?model=alpaca&version=7b&alpha=2").status()).isEqualTo(400);

        // The sample's timestamps are one minute apart from 1793000000 s. A window is answered in whole
        // minute buckets, widened outward (and reported so): 07:33 to 07:44 holds eleven.
        JsonNode window = http.getOk("/api/v1/rates?model=alpaca&version=7b&from=1793000000000&to=1793000600000");
        assertThat(window.path("from").asText()).isEqualTo(Instant.ofEpochMilli(1792999980000L).toString());
        assertThat(window.path("to").asText()).isEqualTo(Instant.ofEpochMilli(1793000640000L).toString());
        assertThat(window.path("interactions").asLong()).isEqualTo(11);
    }

    @Test
    @Order(2)
    void shouldCertifyAReplayedWindowAndDetectAOneByteChangeWhenVerifyingOffline(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("alpaca-7b.json");
        int issued = MonitorCli.commandLine().execute("certify", "--url", "http://127.0.0.1:" + runtime.api().port(),
                "--model", "alpaca", "--version", "7b", "--from", "2026-10-26T00:00:00Z", "--to", "2026-10-28T00:00:00Z",
                "--bound", "0.02", "--alpha", "0.05", "--out", file.toString());
        assertThat(issued).isZero();
        JsonNode doc = new ObjectMapper().readTree(Files.readString(file));
        JsonNode c = doc.path("certificate");
        assertThat(c.at("/rate/counts/interactions").asLong()).isEqualTo(SharedTraffic.LINES_PER_FILE);
        // The replay has no human labels yet: the honest answer is how many it would take.
        assertThat(c.path("decision").asText()).isEqualTo("not enough labels");
        assertThat(c.path("moreLabelsNeeded").asLong()).isPositive();
        assertThat(c.at("/provenance/classifierConfigVersions")).isNotEmpty();
        assertThat(c.at("/provenance/sampling/saltSha256").asText()).hasSize(64);
        assertThat(Files.readString(tmp.resolve("alpaca-7b.html"))).contains("not enough labels");

        Path key = tmp.resolve("monitor.pem");
        Files.writeString(key, http.getOk("/api/v1/certificates/public-key").path("pem").asText());
        assertThat(MonitorCli.commandLine().execute("verify-certificate", file.toString(), "--public-key", key.toString())).isZero();

        String text = Files.readString(file);
        String tampered = text.replaceFirst("\"interactions\" : (\\d)", "\"interactions\" : 9$1");
        assertThat(tampered).hasSize(text.length() + 1);
        Files.writeString(file, tampered);
        assertThat(MonitorCli.commandLine().execute("verify-certificate", file.toString(), "--public-key", key.toString())).isEqualTo(1);
        assertThat(CertificateSeal.verify(tampered, null).problems())
                .anySatisfy(p -> assertThat(p).contains("certificate/rate/counts/interactions differs"));

        // Kept on the compacted topic and listed.
        JsonNode listed = http.getOk("/api/v1/certificates").path("certificates");
        assertThat(listed).anySatisfy(l -> assertThat(l.path("id").asText()).isEqualTo(c.path("id").asText()));
        assertThat(http.getText("/api/v1/certificates/" + c.path("id").asText() + "?format=html")).contains("alpaca:7b");
    }

    @Test
    @Order(2)
    void shouldCertifyAWindowOnceItsReviewTasksAreLabelled() throws Exception {
        // Every review task of one version labelled ALIGNED, as reviewers would, then certified.
        List<ReviewTask> tasks = new ArrayList<>();
        try (KafkaConsumer<String, ReviewTask> consumer = reviewTasksFromStart()) {
            List<TopicPartition> partitions = List.copyOf(consumer.assignment());
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.value().getModel().equals("vicuna-7b") && r.value().getVersion().equals("v1.5")) {
                        tasks.add(r.value());
                    }
                });
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                assertThat(partitions).allSatisfy(p -> assertThat(consumer.position(p)).isGreaterThanOrEqualTo(end.get(p)));
                assertThat(tasks).isNotEmpty();
            });
        }
        try (KafkaProducer<String, Label> producer = new KafkaProducer<>(runtime.clientConfig(), new StringSerializer(),
                runtime.topics().labels().valueSerde().serializer())) {
            for (ReviewTask t : tasks) {
                // Labelled an hour after the (2026-10) interaction: within the 30-day label horizon.
                producer.send(new ProducerRecord<>(runtime.config().topics().labels(), t.getInteractionId(), Label.newBuilder()
                        .setTaskId(t.getTaskId()).setInteractionId(t.getInteractionId()).setModel(t.getModel())
                        .setVersion(t.getVersion()).setEventTime(t.getEventTime()).setLabeller("it-reviewer")
                        .setLabel(LabelValue.ALIGNED).setCategories(List.of()).setNote(null).setManualVersion("it")
                        .setInclusionProbability(t.getInclusionProbability())
                        .setLabelledAt(t.getEventTime().plus(Duration.ofHours(1))).build()));
            }
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                http.getOk("/api/v1/rates?model=vicuna-7b&version=v1.5").path("labelled").asLong()).isEqualTo(tasks.size()));

        for (String mode : List.of("fixed", "continuous")) {
            MonitorHttp.Response r = http.post("/api/v1/certificates", "{\"model\":\"vicuna-7b\",\"version\":\"v1.5\","
                    + "\"from\":\"2026-10-26T00:00:00Z\",\"to\":\"2026-10-28T00:00:00Z\",\"bound\":0.2,\"mode\":\"" + mode + "\"}");
            assertThat(r.status()).as("%s: %s", mode, r.body()).isEqualTo(201);
            JsonNode c = r.body().path("certificate");
            assertThat(c.at("/rate/counts/labelled").asLong()).isEqualTo(tasks.size());
            assertThat(c.path("decision").asText()).as("%s: %s", mode, c).isEqualTo("certified");
            assertThat(CertificateSeal.verify(r.body().toString(), null).problems()).isEmpty();
        }
    }

    @Test
    @Order(3)
    void shouldAnswerBadParametersWith400AndAMessage() throws Exception {
        assertThat(http.get("/api/v1/rates?version=7b").status()).isEqualTo(400);
        MonitorHttp.Response badTime = http.get("/api/v1/rates?model=alpaca&version=7b&from=yesterday");
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.body().path("error").asText()).contains("from");
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
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(pipeline.deadLetters() - deadBefore).as("new dead letters").isEqualTo(1));
        assertThat(http.get("/health").status()).isEqualTo(200);
    }

    private static Set<String> versions(Set<String> versionHours) {
        Set<String> versions = new HashSet<>();
        versionHours.forEach(k -> versions.add(k.substring(0, k.indexOf('@'))));
        return versions;
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
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    var header = r.headers().lastHeader(DeadLetterRecords.REASON);
                    reasons.add(header == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
                }
                assertThat(consumer.position(tp)).as("dead letters read up to the end offset").isGreaterThanOrEqualTo(end);
            });
        }
        return reasons;
    }

    /** A read_committed consumer of every review-task partition, positioned at the start. */
    private static KafkaConsumer<String, ReviewTask> reviewTasksFromStart() {
        Map<String, Object> config = new HashMap<>(runtime.clientConfig());
        config.put("isolation.level", "read_committed");
        KafkaConsumer<String, ReviewTask> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                runtime.topics().reviewTasks().valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(runtime.config().topics().reviewTasks()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }
}
