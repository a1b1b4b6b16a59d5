package org.alignmentmonitor.monitor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.alignmentmonitor.avro.ClassifierResult;
import org.alignmentmonitor.avro.Verdict;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.monitor.config.ConfigLoader;
import org.alignmentmonitor.monitor.embedded.EmbeddedKafkaBroker;
import org.alignmentmonitor.monitor.registry.EmbeddedSchemaRegistry;
import org.alignmentmonitor.monitor.runtime.MonitorRuntime;
import org.alignmentmonitor.monitor.runtime.Role;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A judges pod that loses its disk with judgments pending: judges process A, whose LLM endpoint hangs,
 * reads judge requests until it holds pending judgments, is closed and its data directory deleted (the
 * journal of pending judgments with it). Judges process B starts with a fresh data directory and a
 * healthy endpoint. Because A committed no request it had not finished, B reads them all again: every
 * request ends with exactly one scored judgment per LLM judge, and the rates count each once.
 */
class JudgesPodLossIT {

    private static final String SELF = "judge.self";
    private static final String OVERSEER = "judge.overseer";
    private static final List<String> LLM_JUDGES = List.of(SELF, OVERSEER);
    private static final int INTERACTIONS = 300;

    @TempDir
    Path tmp;

    @Test
    void shouldJudgeEveryPendingRequestOnceWhenAJudgesPodLosesItsDisk() throws Exception {
        long started = System.nanoTime();
        Path traffic = RecentTraffic.endingNow(SharedTraffic.files().get(0), INTERACTIONS, tmp.resolve("recent.jsonl"));
        try (EmbeddedKafkaBroker cluster = EmbeddedKafkaBroker.start(tmp.resolve("cluster"), 0);
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(cluster.bootstrapServers(), 0);
             FlakyJudgeEndpoint endpoint = new FlakyJudgeEndpoint();
             MonitorRuntime streams = instance(cluster, registry, tmp.resolve("streams"), Role.STREAMS, endpoint)) {
            endpoint.mode(FlakyJudgeEndpoint.Mode.HANG);
            Path diskA = tmp.resolve("judges-a");
            long submittedByA;
            try (MonitorRuntime a = instance(cluster, registry, diskA, Role.JUDGES, endpoint)) {
                new InputFeed(cluster.bootstrapServers(), registry.url()).send(List.of(traffic));
                MonitorHttp http = new MonitorHttp(a.api().port());
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    JsonNode status = http.getOk("/api/v1/judges");
                    // Paused: A holds as many judgments as it may (max.pending), not just the first few.
                    assertThat(status.path("readingPaused").asBoolean()).as("A stopped reading, its pending limit reached").isTrue();
                    JsonNode judges = status.path("llmJudges");
                    assertThat(judges).hasSize(LLM_JUDGES.size()).allSatisfy(j -> {
                        assertThat(j.path("submitted").asLong()).as("requests A read").isPositive();
                        assertThat(j.path("scored").asLong()).as("judgments A scored").isZero();
                        assertThat(j.path("pending").asLong()).as("judgments A holds").isEqualTo(j.path("submitted").asLong());
                    });
                });
                submittedByA = http.getOk("/api/v1/judges").at("/llmJudges/0/submitted").asLong();
            }
            assertThat(committedRequestOffsets(streams).values()).as("request offsets A committed: none past a pending one")
                    .allMatch(offset -> offset == 0L);
            assertThat(journalFiles(diskA)).as("A's journal of pending judgments, about to be lost").isNotEmpty();
            deleteRecursively(diskA);
            long lost = System.nanoTime();

            endpoint.mode(FlakyJudgeEndpoint.Mode.HEALTHY);
            try (MonitorRuntime b = instance(cluster, registry, tmp.resolve("judges-b"), Role.JUDGES, endpoint)) {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                        assertThat(requestedIds(streams)).as("judge requests written by streams").hasSize(INTERACTIONS));
                Set<String> requested = requestedIds(streams);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    Map<String, List<Judgment>> byJudge = llmJudgments(streams);
                    for (String judge : LLM_JUDGES) {
                        assertThat(byJudge.getOrDefault(judge, List.of()).stream().map(Judgment::interactionId)
                                .collect(Collectors.toSet())).as("interactions judged by %s", judge).isEqualTo(requested);
                    }
                });
                long judgedAfter = System.nanoTime() - lost;

                Map<String, List<Judgment>> byJudge = llmJudgments(streams);
                Map<String, Long> outcomes = new TreeMap<>();
                byJudge.values().stream().flatMap(List::stream)
                        .forEach(j -> outcomes.merge(j.result().getClassifierId() + " " + j.result().getStatus(), 1L, Long::sum));
                assertThat(outcomes).as("LLM judgments written, A and B together: exactly one scored per request and judge")
                        .isEqualTo(Map.of(SELF + " SCORED", (long) INTERACTIONS, OVERSEER + " SCORED", (long) INTERACTIONS));

                MonitorHttp rates = new MonitorHttp(streams.api().port());
                String version = new PipelineDriver(streams).interactionsPerVersion().keySet().iterator().next();
                String[] mv = version.split(":", 2);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    JsonNode judges = rates.getOk("/api/v1/rates?model=" + mv[0] + "&version=" + mv[1]
                            + "&from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z").path("judges");
                    for (String judge : LLM_JUDGES) {
                        assertThat(judges.path(judge).path("scored").asLong()).as("%s scored by %s in the rates", version, judge)
                                .isEqualTo(INTERACTIONS);
                        assertThat(judges.path(judge).path("unscored").asLong()).as("%s unscored by %s in the rates", version, judge)
                                .isZero();
                    }
                });
                System.out.printf("JUDGES-POD-LOSS A held %d pending requests per LLM judge when its disk was lost; "
                                + "B judged all %d requests (%d judgments) %.1f s later; endpoint calls %d; whole test %.1f s%n",
                        submittedByA, INTERACTIONS, LLM_JUDGES.size() * INTERACTIONS, judgedAfter / 1e9, endpoint.requests(),
                        (System.nanoTime() - started) / 1e9);
            }
        }
    }

    /** One judgment as written to the judgments topic. */
    private record Judgment(String interactionId, ClassifierResult result) {}

    /** The judges group's committed offsets on judge-requests (absent partitions: nothing committed). */
    private static Map<TopicPartition, Long> committedRequestOffsets(MonitorRuntime streams) throws Exception {
        String group = streams.config().applicationId() + "-judges";
        Map<TopicPartition, OffsetAndMetadata> committed = streams.admin().listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, Long> out = new HashMap<>();
        committed.forEach((tp, offset) -> {
            if (offset != null && tp.topic().equals(streams.config().topics().judgeRequests())) {
                out.put(tp, offset.offset());
            }
        });
        return out;
    }

    private static Set<String> requestedIds(MonitorRuntime streams) {
        String topic = streams.config().topics().judgeRequests();
        var requests = streams.topics().judgeRequests().valueSerde().deserializer();
        Set<String> ids = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> record : ClusterProbe.readCommitted(streams.clientConfig(), topic)) {
            ids.add(requests.deserialize(topic, record.value()).getInteraction().getId());
        }
        return ids;
    }

    /** LLM judge id -> every judgment of it on the judgments topic, duplicates included. */
    private static Map<String, List<Judgment>> llmJudgments(MonitorRuntime streams) {
        String topic = streams.config().topics().judgments();
        var verdicts = streams.topics().judgments().valueSerde().deserializer();
        Map<String, List<Judgment>> out = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : ClusterProbe.readCommitted(streams.clientConfig(), topic)) {
            Verdict verdict = verdicts.deserialize(topic, record.value());
            for (ClassifierResult r : verdict.getResults()) {
                if (LLM_JUDGES.contains(r.getClassifierId())) {
                    out.computeIfAbsent(r.getClassifierId(), id -> new ArrayList<>()).add(new Judgment(verdict.getInteractionId(), r));
                }
            }
        }
        return out;
    }

    private static List<Path> journalFiles(Path dataDir) throws IOException {
        try (Stream<Path> files = Files.walk(dataDir.resolve("judges"))) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static MonitorRuntime instance(EmbeddedKafkaBroker cluster, EmbeddedSchemaRegistry registry, Path dataDir, Role role,
                                           FlakyJudgeEndpoint endpoint) throws Exception {
        Map<String, String> s = new HashMap<>();
        s.put("bootstrap.servers", cluster.bootstrapServers());
        s.put("schema.registry.url", registry.url());
        s.put("monitor.data.dir", dataDir.toString());
        s.put("monitor.http.port", "0");
        s.put("monitor.topics.partitions", "2");
        s.put("monitor.streams.commit.interval", "200ms");
        s.put("monitor.flush.interval", "200ms");
        s.putAll(endpoint.judgeSettings());
        MonitorRuntime runtime = MonitorRuntime.connect(ConfigLoader.load(s, null, Map.of(), Map.of()));
        return runtime.startProcessing(ClassifierSuite.defaults(), role);
    }
}
