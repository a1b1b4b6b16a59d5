package org.alignmentmonitor.monitor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.alignmentmonitor.avro.ClassifierResult;
import org.alignmentmonitor.avro.JudgeRequest;
import org.alignmentmonitor.avro.ScoreStatus;
import org.alignmentmonitor.avro.Verdict;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.monitor.config.ConfigLoader;
import org.alignmentmonitor.monitor.runtime.DeadLetterCounter;
import org.alignmentmonitor.monitor.runtime.MonitorRuntime;
import org.alignmentmonitor.streams.topology.DeadLetterTopics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A judge model that hangs, then fails with 500s, while traffic is replayed, with a restart in the
 * middle of the outage: rule scores and rates keep flowing, the judge worker stops reading requests
 * once its pending limit is reached, and once the endpoint recovers every interaction ends with a
 * score or an explicit unscored reason from every judge.
 */
class JudgeOutageIT {

    private static final String SELF = "judge.self";
    private static final String OVERSEER = "judge.overseer";
    private static final String LEARNED = "learned.logreg";

    @TempDir
    Path dataDir;

    @Test
    void shouldKeepRatesFlowingThroughAJudgeOutageAndEndEveryJudgmentScoredOrWithAReason() throws Exception {
        List<Path> files = new ArrayList<>();
        for (Path file : SharedTraffic.files().subList(0, 2)) {
            files.add(RecentTraffic.endingNow(file, SharedTraffic.LINES_PER_FILE, dataDir.resolve("recent-" + file.getFileName())));
        }
        try (FlakyJudgeEndpoint endpoint = new FlakyJudgeEndpoint()) {
            Map<String, String> settings = settings(endpoint);
            endpoint.mode(FlakyJudgeEndpoint.Mode.HANG);

            try (MonitorRuntime runtime = start(settings)) {
                PipelineDriver pipeline = new PipelineDriver(runtime);
                pipeline.replay(files);  // waits until the statistics hold every replayed interaction

                assertThat(pipeline.interactionsPerVersion()).hasSize(2).containsValues((long) SharedTraffic.LINES_PER_FILE);
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                        assertThat(endpoint.requests()).as("calls to the judge endpoint").isPositive());
                // The backlog of a dead endpoint waits in Kafka, not in the worker's memory.
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                        assertThat(pipeline.http.getOk("/api/v1/judges").path("readingPaused").asBoolean()).as("readingPaused").isTrue());
                JsonNode judges = pipeline.http.getOk("/api/v1/judges");
                assertThat(judges.at("/llmJudges/0/submitted").asLong(-1)).isBetween(0L, 2L * SharedTraffic.LINES_PER_FILE - 1);
                assertThat(judges.path("llmJudges")).hasSize(2);
                assertThat(judges.at("/llmJudges/0/scored").asLong(-1)).isZero();
                assertThat(judges.at("/learned/calibration/heldBackLabels").asInt(0)).as("no held-back labels yet").isZero();

                endpoint.mode(FlakyJudgeEndpoint.Mode.FAIL);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(pipeline.http.getOk("/api/v1/judges").at("/llmJudges/0/retries").asLong()).as("retries").isPositive());
            }  // stopped in the middle of the outage: pending judgments stay in the journals

            endpoint.mode(FlakyJudgeEndpoint.Mode.HEALTHY);
            try (MonitorRuntime runtime = start(settings)) {
                PipelineDriver pipeline = new PipelineDriver(runtime);
                Set<String> requested = readAll(runtime, runtime.config().topics().judgeRequests(),
                        runtime.topics().judgeRequests().valueSerde().deserializer())
                        .stream().map(r -> ((JudgeRequest) r.value()).getInteraction().getId()).collect(Collectors.toSet());
                assertThat(requested).hasSize(2 * SharedTraffic.LINES_PER_FILE);

                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                        assertThat(latestJudgments(runtime).entrySet().stream()
                                .filter(e -> e.getValue().keySet().containsAll(List.of(SELF, OVERSEER, LEARNED)))
                                .count()).as("interactions judged by every judge").isEqualTo(requested.size()));

                Map<String, Map<String, ClassifierResult>> judgments = latestJudgments(runtime);
                sendGarbageRequest(runtime);
                String requestsDlq = DeadLetterTopics.of(runtime.config().topics().judgeRequests());
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(DeadLetterCounter.count(runtime.clientConfig(), List.of(requestsDlq))).containsEntry(requestsDlq, 1L));
                assertThat(judgments.keySet()).isEqualTo(requested);
                Map<String, Long> outcomes = new TreeMap<>();
                for (Map<String, ClassifierResult> perJudge : judgments.values()) {
                    for (ClassifierResult result : perJudge.values()) {
                        if (result.getStatus() == ScoreStatus.UNSCORED) {
                            assertThat(result.getUnscoredReason()).isNotBlank();
                        }
                        outcomes.merge(result.getClassifierId() + " " + result.getStatus(), 1L, Long::sum);
                    }
                }
                // The endpoint recovered well within the maximum pending age: both LLM judges scored everything.
                assertThat(outcomes).containsEntry(SELF + " SCORED", (long) requested.size())
                        .containsEntry(OVERSEER + " SCORED", (long) requested.size());
                assertThat(pipeline.http.getText("/metrics")).containsPattern(
                        "alignment_monitor_judge_scored_total\\{judge=\"judge.overseer\"[^}]*} [1-9]");
                // No labels were given, so the learned classifier says why it has no score.
                assertThat(outcomes).containsEntry(LEARNED + " UNSCORED", (long) requested.size());

                // The rates count each (interaction, judge) once, the replays and the restart notwithstanding.
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    for (String version : pipeline.interactionsPerVersion().keySet()) {
                        String[] mv = version.split(":", 2);
                        // path(), not get(): before the first tallies the judges' entries are absent, a state to wait out.
                        JsonNode judges = pipeline.http.getOk("/api/v1/rates?model=" + mv[0] + "&version=" + mv[1]
                                + "&from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z").path("judges");
                        assertThat(judges.path(SELF).path("scored").asLong()).as("%s scored by %s", version, SELF)
                                .isEqualTo(SharedTraffic.LINES_PER_FILE);
                        assertThat(judges.path(OVERSEER).path("scored").asLong()).as("%s scored by %s", version, OVERSEER)
                                .isEqualTo(SharedTraffic.LINES_PER_FILE);
                        assertThat(judges.path(LEARNED).path("unscored").asLong()).as("%s unscored by %s", version, LEARNED)
                                .isEqualTo(SharedTraffic.LINES_PER_FILE);
                    }
                });
            }
        }
    }

    /** A request that is not an interaction: the worker dead-letters it and keeps going. */
    private static void sendGarbageRequest(MonitorRuntime runtime) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(new HashMap<>(runtime.clientConfig()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(runtime.config().topics().judgeRequests(), "garbage",
                    "not avro".getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    private Map<String, String> settings(FlakyJudgeEndpoint endpoint) {
        Map<String, String> s = new HashMap<>();
        s.put("monitor.data.dir", dataDir.toString());
        s.put("monitor.http.port", "0");
        s.put("monitor.streams.commit.interval", "200ms");
        s.put("monitor.flush.interval", "200ms");
        s.putAll(endpoint.judgeSettings());
        s.put("monitor.judges.learned.enabled", "true");
        return s;
    }

    private static MonitorRuntime start(Map<String, String> settings) throws Exception {
        return MonitorRuntime.connect(ConfigLoader.load(settings, null, Map.of(), Map.of())).startProcessing(ClassifierSuite.defaults());
    }

    /** interaction id -> judge id -> the last judgment written. */
    private static Map<String, Map<String, ClassifierResult>> latestJudgments(MonitorRuntime runtime) {
        Map<String, Map<String, ClassifierResult>> out = new HashMap<>();
        for (ConsumerRecord<String, ?> record : readAll(runtime, runtime.config().topics().judgments(),
                runtime.topics().judgments().valueSerde().deserializer())) {
            Verdict verdict = (Verdict) record.value();
            for (ClassifierResult result : verdict.getResults()) {
                out.computeIfAbsent(verdict.getInteractionId(), k -> new HashMap<>()).put(result.getClassifierId(), result);
            }
        }
        return out;
    }

    private static <V> List<ConsumerRecord<String, V>> readAll(MonitorRuntime runtime, String topic, Deserializer<V> values) {
        Map<String, Object> config = new HashMap<>(runtime.clientConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, V>> out = new java.util.ArrayList<>();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(500)).forEach(out::add);
            }
            return out;
        }
    }
}
