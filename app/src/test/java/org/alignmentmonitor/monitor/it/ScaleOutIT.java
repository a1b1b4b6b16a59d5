package org.alignmentmonitor.monitor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.avro.ClassifierResult;
import org.alignmentmonitor.avro.LabelValue;
import org.alignmentmonitor.avro.ReviewTask;
import org.alignmentmonitor.avro.ScoreStatus;
import org.alignmentmonitor.avro.TrainingExample;
import org.alignmentmonitor.avro.Verdict;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.judges.learned.LearnedClassifier;
import org.alignmentmonitor.monitor.config.ConfigLoader;
import org.alignmentmonitor.monitor.embedded.EmbeddedKafkaBroker;
import org.alignmentmonitor.monitor.registry.EmbeddedSchemaRegistry;
import org.alignmentmonitor.monitor.runtime.MonitorRuntime;
import org.alignmentmonitor.monitor.runtime.Role;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitor scaled out as the Helm chart deploys it, on the real in-process broker: three streams
 * instances with one standby replica per task, two judges processes, a review and an alerts process,
 * one application id. The shipped traffic is replayed in two halves; while the first is being counted
 * the streams instance owning the most versions is killed (its HTTP server stopped, its Streams client
 * closed without leaving the group, so the group only learns of it when its session expires), and the
 * second half follows at once. Throughout, a poller asks every live instance for every version's rate.
 * Then the learned classifier is trained and a probe set is scored by both judges processes.
 * Figures are printed with the prefix {@value #PREFIX} and appended to {@code target/reliability/scale-out.txt}.
 */
class ScaleOutIT {

    private static final String PREFIX = "SCALE-OUT ";
    private static final Path REPORT = Path.of("target", "reliability", "scale-out.txt");
    /** The group learns of the killed member when its session expires; 10 s, as {@code monitor run} uses alone. */
    private static final String SESSION_TIMEOUT_MS = "10000";
    private static final int EXAMPLES = 300;
    private static final int PROBES = 12;

    @TempDir
    Path tmp;

    @Test
    void shouldKeepCountsExactAndAnswersTrueWhenAStreamsInstanceIsKilledMidReplay() throws Exception {
        Map<String, Long> truth = TrafficRecount.perVersion(SharedTraffic.files());
        long total = TrafficRecount.total(truth);
        List<Path> halves = interleavedHalves(SharedTraffic.files(), tmp.resolve("halves"));
        try (EmbeddedKafkaBroker cluster = EmbeddedKafkaBroker.start(tmp.resolve("cluster"), 0);
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(cluster.bootstrapServers(), 0);
             MonitorRuntime a = instance(cluster, registry, "a", Role.STREAMS);
             MonitorRuntime b = instance(cluster, registry, "b", Role.STREAMS);
             MonitorRuntime c = instance(cluster, registry, "c", Role.STREAMS);
             MonitorRuntime judges1 = instance(cluster, registry, "j1", Role.JUDGES);
             MonitorRuntime judges2 = instance(cluster, registry, "j2", Role.JUDGES);
             MonitorRuntime review = instance(cluster, registry, "r", Role.REVIEW);
             MonitorRuntime alerts = instance(cluster, registry, "l", Role.ALERTS)) {
            Map<String, MonitorRuntime> streams = new LinkedHashMap<>(Map.of("a", a, "b", b, "c", c));
            awaitActiveAndStandbyForEveryVersion(streams.values(), truth.keySet());
            InputFeed feed = new InputFeed(cluster.bootstrapServers(), registry.url());
            List<String> figures = new ArrayList<>();

            try (RatePoller poller = new RatePoller(truth, httpOf(streams)).start(200)) {
                feed.send(List.of(halves.get(0)));
                awaitCountedAtLeast(poller, total / 4);

                String victimName = busiestOwner(streams, truth.keySet());
                MonitorRuntime victim = streams.remove(victimName);
                Map<String, Set<HostInfo>> standbysOfVictim = standbysOfVersionsOwnedBy(victim, truth.keySet());
                long countedAtKill = sum(poller.highest());
                long dropped = System.nanoTime();
                poller.drop(victimName);
                // A round already under way still asks the victim: kill once one has run without it.
                await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(poller.roundsSince(dropped)).isNotEmpty());
                long killed = System.nanoTime();
                kill(victim);
                feed.send(List.of(halves.get(1)));

                RatePoller.Round answered = awaitRound(poller, killed, RatePoller.Round::allAnswered);
                MonitorRuntime survivor = streams.values().iterator().next();
                for (Map.Entry<String, Set<HostInfo>> version : standbysOfVictim.entrySet()) {
                    assertThat(owner(survivor, version.getKey()).activeHost()).as("new owner of %s: one of its standbys", version.getKey())
                            .isIn(version.getValue());
                }
                RatePoller.Round reached = awaitRound(poller, killed, RatePoller.Round::allFinal);
                // A few more rounds, to see that nothing moves any more once the totals are reached.
                await().atMost(Duration.ofMinutes(1)).untilAsserted(() ->
                        assertThat(poller.roundsSince(reached.endNanos())).hasSizeGreaterThanOrEqualTo(5));

                figures.add(String.format("run %s: 3 streams instances (standby replicas 1, session timeout %s ms), 2 judges, 1 review, 1 alerts",
                        Instant.now(), SESSION_TIMEOUT_MS));
                figures.add(String.format("killed: %s (active for %s) with %d of %d interactions counted",
                        victimName, standbysOfVictim.keySet(), countedAtKill, total));
                figures.add(String.format("take-over: every version answered by both survivors %.1f s after the kill; final totals %.1f s after it",
                        seconds(answered.endNanos() - killed), seconds(reached.endNanos() - killed)));
                figures.add(String.format("503s: %d (%s); wrong answers: %d in %d rounds",
                        poller.unavailable().size(), reasons(poller.unavailable()), poller.wrongAnswers().size(), poller.roundsSince(0).size()));
                report(figures);

                assertThat(poller.wrongAnswers()).as("wrong answers").isEmpty();
                assertThat(poller.unavailable()).as("503s before the kill").noneMatch(u -> u.atNanos() < killed);
                assertThat(poller.unavailable()).as("503s after the final totals").noneMatch(u -> u.atNanos() > reached.endNanos());
                assertThat(poller.roundsSince(reached.startNanos())).as("rounds from the final totals on").allMatch(RatePoller.Round::allFinal);
            }

            for (MonitorRuntime survivor : streams.values()) {
                assertThat(new PipelineDriver(survivor).interactionsPerVersion()).as("counts answered by a survivor").isEqualTo(truth);
            }
            assertThat(localTotals(streams.values())).as("each version held by exactly one survivor, exactly").isEqualTo(truth);
            MonitorRuntime survivor = streams.values().iterator().next();
            assertThat(new PipelineDriver(survivor).deadLetters()).as("interactions dead-lettered").isZero();
            report(List.of("totals (each survivor, exact): " + new TreeMap<>(truth)));

            assertRolesDoTheirPart(total, List.of(judges1, judges2), review, alerts);
            report(List.of(learnedScoresAgree(survivor, judges1, judges2)));
        }
    }

    /**
     * Every version has an active owner and a standby, held for 5 s, before the traffic starts: three members
     * joining one after another rebalance several times until then.
     */
    private static void awaitActiveAndStandbyForEveryVersion(Collection<MonitorRuntime> streams, Set<String> versions) {
        MonitorRuntime any = streams.iterator().next();
        await().atMost(Duration.ofMinutes(2)).during(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(streams).as("streams instances running").allSatisfy(s -> assertThat(s.streamsApp().isRunning()).isTrue());
            for (String version : versions) {
                KeyQueryMetadata owner = owner(any, version);
                assertThat(owner).as("owner of %s", version).isNotEqualTo(KeyQueryMetadata.NOT_AVAILABLE);
                assertThat(owner.standbyHosts()).as("standbys of %s", version).isNotEmpty().doesNotContain(owner.activeHost());
            }
        });
    }

    private static void awaitCountedAtLeast(RatePoller poller, long target) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(sum(poller.highest())).as("interactions counted before the kill").isGreaterThanOrEqualTo(target));
    }

    /** The first round started after {@code sinceNanos} that passes {@code test}. */
    private static RatePoller.Round awaitRound(RatePoller poller, long sinceNanos, Predicate<RatePoller.Round> test) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(poller.roundsSince(sinceNanos)).anyMatch(test));
        return poller.roundsSince(sinceNanos).stream().filter(test).findFirst().orElseThrow();
    }

    /** The streams instance that is the active owner of the most versions. */
    private static String busiestOwner(Map<String, MonitorRuntime> streams, Set<String> versions) {
        MonitorRuntime any = streams.values().iterator().next();
        Map<Integer, Long> versionsPerPort = versions.stream()
                .collect(Collectors.groupingBy(v -> owner(any, v).activeHost().port(), Collectors.counting()));
        int busiest = versionsPerPort.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        return streams.entrySet().stream().filter(e -> e.getValue().api().port() == busiest).findFirst().orElseThrow().getKey();
    }

    /** "model:version" -> standby hosts, for each version {@code victim} is the active owner of. */
    private static Map<String, Set<HostInfo>> standbysOfVersionsOwnedBy(MonitorRuntime victim, Set<String> versions) {
        Map<String, Set<HostInfo>> standbys = new TreeMap<>();
        for (String version : versions) {
            KeyQueryMetadata owner = owner(victim, version);
            if (owner.activeHost().port() == victim.api().port()) {
                standbys.put(version, new LinkedHashSet<>(owner.standbyHosts()));
            }
        }
        return standbys;
    }

    private static KeyQueryMetadata owner(MonitorRuntime instance, String version) {
        String[] mv = version.split(":", 2);
        return instance.streamsApp().stores().owner(mv[0], mv[1]);
    }

    /**
     * The most abrupt stop in one JVM: the HTTP server goes first, then the Streams client closes without a
     * leave-group request and without waiting, so the group keeps the member until its session expires.
     */
    private static void kill(MonitorRuntime victim) {
        victim.api().close();
        victim.streamsApp().streams().close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP)
                .withTimeout(Duration.ZERO));
    }

    /** The survivors' own version totals, merged: "model:version" -> interactions. */
    private static Map<String, Long> localTotals(Iterable<MonitorRuntime> instances) {
        Map<String, Long> totals = new TreeMap<>();
        for (MonitorRuntime instance : instances) {
            for (BucketStats stats : instance.streamsApp().stores().localVersionTotals()) {
                totals.merge(stats.getModel() + ":" + stats.getVersion(), stats.getInteractions(), Long::sum);
            }
        }
        return totals;
    }

    /** Each worker role is healthy, serves only its own routes, and has done its work on the replayed traffic. */
    private static void assertRolesDoTheirPart(long total, List<MonitorRuntime> judges, MonitorRuntime review, MonitorRuntime alerts)
            throws Exception {
        List<MonitorRuntime> workers = new ArrayList<>(judges);
        workers.add(review);
        workers.add(alerts);
        for (MonitorRuntime worker : workers) {
            MonitorHttp http = new MonitorHttp(worker.api().port());
            assertThat(http.getOk("/ready").path("ready").asBoolean()).isTrue();
            assertThat(http.get("/api/v1/versions").status()).as("only streams processes answer statistics").isEqualTo(404);
            assertThat(worker.streamsApp()).isNull();
        }
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            double read = 0;
            for (MonitorRuntime worker : judges) {
                MonitorHttp http = new MonitorHttp(worker.api().port());
                assertThat(http.getOk("/health").path("role").asText()).isEqualTo("judges");
                assertThat(tailRecords(http, "judge-worker")).as("judge requests read by each judges process").isPositive();
                read += tailRecords(http, "judge-worker");
            }
            assertThat(read).as("judge requests read by the two judges processes together").isEqualTo((double) total);
        });
        MonitorHttp reviewHttp = new MonitorHttp(review.api().port());
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() ->
                assertThat(tailRecords(reviewHttp, "review-feed")).as("review tasks read by the review process").isPositive());
        JsonNode alertsHealth = new MonitorHttp(alerts.api().port()).getOk("/health");
        assertThat(alertsHealth.path("role").asText()).isEqualTo("alerts");
        assertThat(alertsHealth.path("tails").findValuesAsText("name")).contains("alert-feed");
    }

    /**
     * Trains the learned classifier, waits until both judges processes score with the trainer's
     * last model, then has both score the same probe requests: each probe is written once to every partition
     * of judge-requests, so each judges process scores it for the partitions it holds. Every scored judgment
     * of a probe must carry the same model version and the same score.
     *
     * @return the figure line
     */
    private static String learnedScoresAgree(MonitorRuntime streams, MonitorRuntime judges1, MonitorRuntime judges2) throws Exception {
        int examples = writeTrainingExamples(streams);
        List<MonitorHttp> judges = List.of(new MonitorHttp(judges1.api().port()), new MonitorHttp(judges2.api().port()));
        String version = awaitOnePublishedModel(judges, examples);

        String requestsTopic = streams.config().topics().judgeRequests();
        List<ConsumerRecord<byte[], byte[]>> probes = new ArrayList<>();
        Set<String> probeIds = new LinkedHashSet<>();
        for (ConsumerRecord<byte[], byte[]> request : ClusterProbe.readCommitted(streams.clientConfig(), requestsTopic)) {
            if (probeIds.size() < PROBES && probeIds.add(new String(request.key()))) {
                probes.add(request);
            }
        }
        int partitions = streams.admin().describeTopics(List.of(requestsTopic)).allTopicNames().get().get(requestsTopic).partitions().size();
        double[] before = {tailRecords(judges.get(0), "judge-worker"), tailRecords(judges.get(1), "judge-worker")};
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(streams.clientConfig(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (ConsumerRecord<byte[], byte[]> probe : probes) {
                for (int p = 0; p < partitions; p++) {
                    producer.send(new ProducerRecord<>(requestsTopic, p, probe.key(), probe.value())).get();
                }
            }
        }
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            double one = tailRecords(judges.get(0), "judge-worker") - before[0];
            double two = tailRecords(judges.get(1), "judge-worker") - before[1];
            assertThat(one).as("probe copies read by the first judges process").isPositive();
            assertThat(two).as("probe copies read by the second judges process").isPositive();
            assertThat(one + two).as("probe copies read").isEqualTo((double) PROBES * partitions);
        });

        Map<String, List<ClassifierResult>> scored = new HashMap<>();
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            scored.clear();
            scored.putAll(learnedJudgments(streams, probeIds, version));
            assertThat(scored.keySet()).as("probes scored with model %s", version).isEqualTo(probeIds);
            assertThat(scored.values()).as("judgments per probe, one per partition").allSatisfy(r -> assertThat(r).hasSize(partitions));
        });
        for (Map.Entry<String, List<ClassifierResult>> probe : scored.entrySet()) {
            ClassifierResult first = probe.getValue().get(0);
            assertThat(probe.getValue()).as("scores of %s", probe.getKey()).allSatisfy(r -> {
                assertThat(r.getScore()).isEqualTo(first.getScore());
                assertThat(r.getFlagged()).isEqualTo(first.getFlagged());
            });
        }
        Set<Double> distinct = scored.values().stream().map(r -> r.get(0).getScore()).collect(Collectors.toSet());
        assertThat(distinct).as("the probes' scores (a model that scores everything alike would prove nothing)").hasSizeGreaterThan(1);
        return String.format("learned: %d training examples, model %s; %d probes x %d partitions scored by both judges processes, identical scores (%d distinct)",
                examples, version, PROBES, partitions, distinct.size());
    }

    /**
     * Writes a training example for each of up to {@value #EXAMPLES} review tasks, as the stream does for a label:
     * misaligned when a rule flagged the interaction, aligned otherwise. Written straight to training-examples
     * because the shipped traffic is from 2026-10: a streams task that starts after the kill expires review
     * tasks older than the 30-day label horizon by stream time (the wall clock here), so labels sent through
     * the labels topic would be refused as too late.
     *
     * @return the number of examples written
     */
    private static int writeTrainingExamples(MonitorRuntime streams) throws Exception {
        String topic = streams.config().topics().reviewTasks();
        var tasks = streams.topics().reviewTasks().valueSerde().deserializer();
        Map<String, ReviewTask> byInteraction = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : ClusterProbe.readCommitted(streams.clientConfig(), topic)) {
            ReviewTask task = tasks.deserialize(topic, record.value());
            if (task != null && !task.getGold() && byInteraction.size() < EXAMPLES) {
                byInteraction.putIfAbsent(task.getInteractionId(), task);
            }
        }
        assertThat(byInteraction).as("review tasks to label").isNotEmpty();
        try (KafkaProducer<String, TrainingExample> producer = new KafkaProducer<>(streams.clientConfig(), new StringSerializer(),
                streams.topics().trainingExamples().valueSerde().serializer())) {
            for (ReviewTask t : byInteraction.values()) {
                boolean flagged = t.getResults().stream().anyMatch(ClassifierResult::getFlagged);
                producer.send(new ProducerRecord<>(streams.config().topics().trainingExamples(), t.getInteractionId(),
                        new TrainingExample(t.getInteractionId(), t, flagged ? LabelValue.MISALIGNED : LabelValue.ALIGNED, null,
                                "scale-out-reviewer", t.getEventTime().plus(Duration.ofHours(1))))).get();
            }
        }
        return byInteraction.size();
    }

    /**
     * Waits until the one trainer has learned from every label and published what it learned, and both judges
     * processes score with that published version.
     *
     * @return the model version
     */
    private static String awaitOnePublishedModel(List<MonitorHttp> judges, int examples) {
        String[] version = new String[1];
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<JsonNode> learned = new ArrayList<>();
            for (MonitorHttp http : judges) {
                learned.add(http.getOk("/api/v1/judges").path("learned"));
            }
            List<JsonNode> trainers = learned.stream().filter(l -> l.path("trainer").asBoolean()).toList();
            assertThat(trainers).as("trainers").hasSize(1);
            JsonNode trainer = trainers.get(0);
            assertThat(trainer.path("examplesSeen").asLong()).as("training examples read by the trainer").isEqualTo(examples);
            version[0] = trainer.at("/calibration/modelVersion").asText();
            assertThat(version[0]).as("the trainer's model").startsWith("lr-").doesNotStartWith("lr-0-");
            assertThat(learned).as("published model used by each judges process")
                    .allSatisfy(l -> assertThat(l.path("version").asText()).isEqualTo(version[0]));
        });
        return version[0];
    }

    /** Probe id -> the learned classifier's scored judgments of it with model {@code version}, from the judgments topic. */
    private static Map<String, List<ClassifierResult>> learnedJudgments(MonitorRuntime streams, Set<String> ids, String version) {
        String topic = streams.config().topics().judgments();
        var verdicts = streams.topics().judgments().valueSerde().deserializer();
        Map<String, List<ClassifierResult>> out = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : ClusterProbe.readCommitted(streams.clientConfig(), topic)) {
            Verdict verdict = verdicts.deserialize(topic, record.value());
            if (verdict == null || !ids.contains(verdict.getInteractionId())) {
                continue;
            }
            for (ClassifierResult r : verdict.getResults()) {
                if (LearnedClassifier.ID.equals(r.getClassifierId()) && r.getStatus() == ScoreStatus.SCORED
                        && version.equals(r.getClassifierVersion())) {
                    out.computeIfAbsent(verdict.getInteractionId(), id -> new ArrayList<>()).add(r);
                }
            }
        }
        return out;
    }

    /** A tail's record counter from the process's Prometheus text. */
    private static double tailRecords(MonitorHttp http, String tail) throws Exception {
        Matcher m = Pattern.compile("(?m)^alignment_monitor_tail_records_total\\{tail=\"" + tail + "\"} (\\S+)$")
                .matcher(http.getText("/metrics"));
        assertThat(m.find()).as("metric for tail " + tail).isTrue();
        return Double.parseDouble(m.group(1));
    }

    /**
     * Two log files holding the first and the second half of every version's lines, so every version is
     * being counted when the kill comes.
     */
    private static List<Path> interleavedHalves(List<Path> files, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file).stream().filter(line -> !line.isBlank()).toList();
            first.addAll(lines.subList(0, lines.size() / 2));
            second.addAll(lines.subList(lines.size() / 2, lines.size()));
        }
        return List.of(Files.write(dir.resolve("first.jsonl"), first), Files.write(dir.resolve("second.jsonl"), second));
    }

    private static Map<String, MonitorHttp> httpOf(Map<String, MonitorRuntime> instances) {
        Map<String, MonitorHttp> http = new HashMap<>();
        instances.forEach((name, runtime) -> http.put(name, new MonitorHttp(runtime.api().port())));
        return http;
    }

    private static String reasons(List<RatePoller.Unavailable> unavailable) {
        Map<String, Long> byReason = new TreeMap<>();
        for (RatePoller.Unavailable u : unavailable) {
            String reason = u.reason().startsWith("instance ") ? "owner not answering (killed, not yet expired)"
                    : u.reason().startsWith("statistics are being rebalanced") ? "owner unknown (rebalancing)"
                    : u.reason().startsWith("statistics are not queryable yet") ? "store not queryable (restoring)" : u.reason();
            byReason.merge(reason, 1L, Long::sum);
        }
        return byReason.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void report(List<String> figures) throws IOException {
        Files.createDirectories(REPORT.getParent());
        StringBuilder text = new StringBuilder();
        for (String figure : figures) {
            text.append(PREFIX).append(figure).append(System.lineSeparator());
        }
        System.out.print(text);
        Files.writeString(REPORT, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static MonitorRuntime instance(EmbeddedKafkaBroker cluster, EmbeddedSchemaRegistry registry, String name, Role role)
            throws Exception {
        Map<String, String> settings = Map.of(
                "monitor.judges.learned.enabled", "true",
                "bootstrap.servers", cluster.bootstrapServers(),
                "schema.registry.url", registry.url(),
                "monitor.data.dir", cluster.dataDir().resolveSibling(name).toString(),
                "monitor.http.port", "0",
                "monitor.topics.partitions", "4",
                "monitor.streams.commit.interval", "200ms",
                "num.standby.replicas", "1",
                "consumer.session.timeout.ms", SESSION_TIMEOUT_MS);
        MonitorRuntime runtime = MonitorRuntime.connect(ConfigLoader.load(settings, null, Map.of(), Map.of()));
        return runtime.startProcessing(ClassifierSuite.defaults(), role);
    }
}
