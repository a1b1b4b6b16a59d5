package org.alignmentmonitor.monitor.judging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.JudgeRequest;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.judges.AsyncJudge;
import org.alignmentmonitor.judges.ChatClient;
import org.alignmentmonitor.judges.JudgeResult;
import org.alignmentmonitor.judges.JudgeRouting;
import org.alignmentmonitor.judges.PromptTemplate;
import org.alignmentmonitor.judges.learned.CalibrationReport;
import org.alignmentmonitor.judges.learned.LearnedClassifier;
import org.alignmentmonitor.monitor.runtime.tail.SupervisedTail;
import org.alignmentmonitor.monitor.runtime.tail.TailHandler;
import org.alignmentmonitor.monitor.runtime.tail.TailSpec;
import org.alignmentmonitor.monitor.runtime.tail.Tails;
import org.alignmentmonitor.streams.errors.DeadLetterRecords;
import org.alignmentmonitor.streams.topology.MonitorTopics;
import org.alignmentmonitor.streams.topology.Names;
import org.alignmentmonitor.monitor.config.JudgesConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the asynchronous judges outside the Streams threads: reads judge-requests, hands each
 * interaction to every configured judge and writes each outcome to judgments. Rule scoring and the
 * rates never wait for it. A request's offset is committed only once every judge's judgment of it is on
 * judgments (the learned classifier answers at once; an LLM judge whose write failed tries it again and
 * keeps the request open meanwhile), so the requests a lost worker left unfinished or unwritten are read
 * again by the next one, disk or no disk; the LLM judges' local journal only lets a restart on the same
 * disk resume them. When too many judgments are pending (a slow or dead endpoint) the worker pauses reading rather than holding an
 * unbounded backlog in memory; the requests wait in Kafka.
 */
public final class JudgeWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JudgeWorker.class);

    private final JudgesConfig config;
    private final Map<String, Object> clientConfig;
    private final MonitorTopics topics;
    private final String groupId;
    private final JudgmentPublisher publisher;
    private final List<AsyncJudge> llmJudges = new ArrayList<>();
    private final LearnedJudge learned;
    private final KafkaProducer<byte[], byte[]> deadLetters;
    private final Deserializer<JudgeRequest> requests;
    private final InFlightOffsets inFlight = new InFlightOffsets();
    private SupervisedTail<byte[], byte[]> tail;
    private Map<TopicPartition, OffsetAndMetadata> committed = Map.of();
    private volatile boolean paused;

    private JudgeWorker(JudgesConfig config, Map<String, Object> clientConfig, MonitorTopics topics, String applicationId,
                        Path dataDir, ClassifierSuite rules) throws IOException {
        this.config = config;
        this.clientConfig = clientConfig;
        this.topics = topics;
        this.groupId = applicationId + "-judges";
        this.publisher = new JudgmentPublisher(clientConfig, topics.judgments(), config.version(), config.threshold());
        this.requests = topics.judgeRequests().valueSerde().deserializer();
        Map<String, Object> dlq = new HashMap<>(clientConfig);
        dlq.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.deadLetters = new KafkaProducer<>(dlq, new ByteArraySerializer(), new ByteArraySerializer());
        Path journals = dataDir.resolve("judges");
        ChatClient client = ChatClient.create(Duration.ofSeconds(10));
        if (config.hasSelf()) {
            llmJudges.add(AsyncJudge.open(AsyncJudge.Kind.SELF, config.judgeConfig(JudgesConfig.SELF_ID, journals),
                    PromptTemplate.SELF_INTENT, config.self(), client, publisher::deliver));
        }
        if (config.overseer().isPresent()) {
            llmJudges.add(AsyncJudge.open(AsyncJudge.Kind.OVERSEER, config.judgeConfig(JudgesConfig.OVERSEER_ID, journals),
                    PromptTemplate.OVERSEER_INTENT, JudgeRouting.single(config.overseer().get()), client, publisher::deliver));
        }
        this.learned = config.learned()
                ? new LearnedJudge(rules, config.threshold(), clientConfig, topics.trainingExamples(),
                        Names.learnedModelsTopic(applicationId), applicationId + "-learned-trainer")
                : null;
    }

    /** Opens the judges, resumes what a previous run left pending, and starts reading requests. */
    public static JudgeWorker start(JudgesConfig config, Map<String, Object> clientConfig, MonitorTopics topics, String applicationId,
                                    Path dataDir, ClassifierSuite rules, MeterRegistry metrics, Tails tails) throws IOException {
        JudgeWorker worker = new JudgeWorker(config, clientConfig, topics, applicationId, dataDir, rules);
        worker.bindMetrics(metrics);
        worker.llmJudges.forEach(AsyncJudge::resumePending);
        if (worker.learned != null) {
            worker.learned.start(tails);
        }
        worker.tail = tails.start(worker.requestsTail(), worker.new RequestHandler());
        LOG.info("Judge worker started: {} LLM judge(s), learned classifier {}", worker.llmJudges.size(),
                worker.learned == null ? "off" : "on");
        return worker;
    }

    /**
     * A group read that commits no further than the oldest request still being judged: after a failure,
     * a restart or a lost pod, the next reader judges again what was not finished (judgments count once).
     */
    private TailSpec<byte[], byte[]> requestsTail() {
        Map<String, Object> props = new HashMap<>(clientConfig);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
        return TailSpec.group("judge-worker", props, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topics.judgeRequests().name())
                .withCloseTimeout(Duration.ofSeconds(15));
    }

    private final class RequestHandler implements TailHandler<byte[], byte[]> {
        @Override
        public void beforePoll(Consumer<byte[], byte[]> consumer) {
            applyBackpressure(consumer);
        }

        @Override
        public void accept(ConsumerRecord<byte[], byte[]> record) {
            inFlight.read(new TopicPartition(record.topic(), record.partition()), record.offset(), handle(record));
        }

        @Override
        public void afterBatch(Consumer<byte[], byte[]> consumer, int records) {
            Map<TopicPartition, OffsetAndMetadata> next = inFlight.committable();
            if (!next.equals(committed)) {
                consumer.commitSync(next);
                committed = next;
            }
        }

        @Override
        public void onRevoked(Collection<TopicPartition> partitions) {
            inFlight.forget(partitions);
            committed = Map.of();
        }
    }

    /** @return completes once every judge has delivered its judgment of the request (at once for a dead-lettered one) */
    private CompletableFuture<?> handle(ConsumerRecord<byte[], byte[]> record) {
        JudgeRequest request;
        try {
            request = requests.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            deadLetter(record, "undecodable judge request: " + e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        Interaction interaction = request == null ? null : request.getInteraction();
        if (interaction == null || interaction.getId() == null || interaction.getId().isBlank()) {
            deadLetter(record, "judge request without an interaction");
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<JudgeResult>> judgments = new ArrayList<>();
        for (AsyncJudge judge : llmJudges) {
            judgments.add(judge.judge(interaction));
        }
        if (learned != null) {
            try {
                publisher.publish(interaction, learned.classify(interaction, request.getRuleResults()));
            } catch (Exception e) {
                throw new IllegalStateException("could not publish the learned judgment of " + interaction.getId(), e);
            }
        }
        return CompletableFuture.allOf(judgments.toArray(CompletableFuture[]::new));
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> record, String reason) {
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(topics.judgeRequests().deadLetterTopic(), record.key(), record.value());
        out.headers().add(DeadLetterRecords.REASON, reason.getBytes(StandardCharsets.UTF_8));
        out.headers().add(DeadLetterRecords.STAGE, "judge-worker".getBytes(StandardCharsets.UTF_8));
        out.headers().add(DeadLetterRecords.SOURCE_TOPIC, record.topic().getBytes(StandardCharsets.UTF_8));
        out.headers().add(DeadLetterRecords.SOURCE_PARTITION, String.valueOf(record.partition()).getBytes(StandardCharsets.UTF_8));
        out.headers().add(DeadLetterRecords.SOURCE_OFFSET, String.valueOf(record.offset()).getBytes(StandardCharsets.UTF_8));
        try {
            deadLetters.send(out).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not dead-letter a bad judge request", e);
        }
        LOG.warn("Judge request at {}-{}@{} dead-lettered: {}", record.topic(), record.partition(), record.offset(), reason);
    }

    private void applyBackpressure(Consumer<byte[], byte[]> c) {
        int pending = pending();
        if (!paused && pending >= config.maxPending()) {
            c.pause(c.assignment());
            paused = true;
            LOG.warn("{} judgments pending: judge requests paused until half of them are done", pending);
        } else if (paused && pending < config.maxPending() / 2) {
            c.resume(c.paused());
            paused = false;
            LOG.info("Judge requests resumed ({} judgments pending)", pending);
        }
        if (paused) {
            // A rebalance hands over partitions unpaused.
            List<TopicPartition> unpaused = c.assignment().stream().filter(tp -> !c.paused().contains(tp)).toList();
            c.pause(unpaused);
        }
    }

    private int pending() {
        return llmJudges.stream().mapToInt(j -> j.stats().pending()).sum();
    }

    /** What the judges have done so far, for the API. */
    public Map<String, Object> status() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("configVersion", config.version());
        out.put("fraction", config.fraction());
        out.put("threshold", config.threshold());
        out.put("readingPaused", paused);
        List<Map<String, Object>> judges = new ArrayList<>();
        for (AsyncJudge judge : llmJudges) {
            AsyncJudge.Stats s = judge.stats();
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("id", judge.classifierId());
            j.put("submitted", s.submitted());
            j.put("scored", s.scored());
            j.put("unscored", s.unscored());
            j.put("cacheHits", s.cacheHits());
            j.put("retries", s.retries());
            j.put("deferredByBreaker", s.deferredByBreaker());
            j.put("deferredByBudget", s.deferredByBudget());
            j.put("inFlight", s.inFlight());
            j.put("pending", s.pending());
            judges.add(j);
        }
        out.put("llmJudges", judges);
        if (learned != null) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("id", LearnedClassifier.ID);
            l.put("version", learned.version());
            l.put("trainer", learned.isTrainer());
            l.put("examplesSeen", learned.examplesSeen());
            l.put("trainedOn", learned.trainingCount());
            CalibrationReport calibration = learned.calibration();
            l.put("calibration", calibration == null ? null : calibrationView(calibration));
            out.put("learned", l);
        }
        return out;
    }

    /** Held-back labels against the model's predictions; null where there is nothing to measure yet (never NaN in JSON). */
    private static Map<String, Object> calibrationView(CalibrationReport report) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("modelVersion", report.modelVersion());
        out.put("heldBackLabels", report.n());
        out.put("brier", finite(report.brier()));
        out.put("logLoss", finite(report.logLoss()));
        out.put("ece", finite(report.ece()));
        List<Map<String, Object>> bins = new ArrayList<>();
        for (CalibrationReport.Bin bin : report.bins()) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("lower", bin.lower());
            b.put("upper", bin.upper());
            b.put("count", bin.count());
            b.put("meanPredicted", finite(bin.meanPredicted()));
            b.put("observedRate", finite(bin.observedRate()));
            bins.add(b);
        }
        out.put("bins", bins);
        return out;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private void bindMetrics(MeterRegistry registry) {
        for (AsyncJudge judge : llmJudges) {
            String id = judge.classifierId();
            FunctionCounter.builder("alignment_monitor_judge_submitted", judge, j -> j.stats().submitted()).tag("judge", id)
                    .description("Judgments asked of the judge").register(registry);
            FunctionCounter.builder("alignment_monitor_judge_scored", judge, j -> j.stats().scored()).tag("judge", id)
                    .description("Judgments that ended with a score").register(registry);
            FunctionCounter.builder("alignment_monitor_judge_unscored", judge, j -> j.stats().unscored()).tag("judge", id)
                    .description("Judgments that ended unscored, with a reason").register(registry);
            FunctionCounter.builder("alignment_monitor_judge_retries", judge, j -> j.stats().retries()).tag("judge", id)
                    .description("Calls retried after a 429, 5xx, timeout or I/O error").register(registry);
            FunctionCounter.builder("alignment_monitor_judge_cache_hits", judge, j -> j.stats().cacheHits()).tag("judge", id)
                    .description("Judgments answered from the content-hash cache").register(registry);
            Gauge.builder("alignment_monitor_judge_pending", judge, j -> j.stats().pending()).tag("judge", id)
                    .description("Judgments in flight, deferred (breaker open, budget spent) or not yet written to judgments").register(registry);
        }
        if (learned != null) {
            Gauge.builder("alignment_monitor_judge_learned_examples", learned, LearnedJudge::examplesSeen)
                    .description("Training examples the learned classifier has read").register(registry);
        }
    }

    @Override
    public void close() throws Exception {
        if (tail != null) {
            tail.close();
        }
        for (AsyncJudge judge : llmJudges) {
            judge.close();  // unfinished judgments stay in the journal for the next start
        }
        if (learned != null) {
            learned.close();
        }
        publisher.close();
        deadLetters.close();
    }
}
