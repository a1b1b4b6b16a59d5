package org.alignmentmonitor.monitor.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.alignmentmonitor.avro.ClassifierResult;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.ScoreStatus;
import org.alignmentmonitor.avro.Verdict;
import org.alignmentmonitor.connectors.RecordSink;
import org.alignmentmonitor.connectors.synthetic.FailureKind;
import org.alignmentmonitor.connectors.synthetic.FailureRates;
import org.alignmentmonitor.connectors.synthetic.SyntheticConfig;
import org.alignmentmonitor.connectors.synthetic.SyntheticTrafficGenerator;
import org.alignmentmonitor.connectors.synthetic.VersionProfile;
import org.alignmentmonitor.monitor.config.JudgesConfig;
import org.alignmentmonitor.streams.process.ProcessCellKey;
import org.alignmentmonitor.streams.topology.Topic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's short training run in checkpoint mode: a synthetic process releases a checkpoint every
 * {@link #RELEASE_EVERY}, each evaluated on a batch of interactions spread over three simulated
 * environments. Later checkpoints fail less, and their synthetic self and overseer judges agree
 * more with the truth (the overseer more than the self-judge), so the process page shows from which
 * step on oversight means something. The stand-in labeller labels them like any other traffic.
 * Checkpoints are released in step order, so "the previous version" of the regression rules is the
 * previous checkpoint. Never used outside the demo.
 */
public final class CheckpointRun implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointRun.class);
    public static final String PROCESS = "demo-rl-run";
    public static final String MODEL = "rl-policy";
    static final List<String> ENVIRONMENTS = List.of("sim-chat", "sim-code", "sim-tools");
    static final int CHECKPOINTS = 6;
    static final long STEP_SIZE = 1000;
    public static final Duration RELEASE_EVERY = Duration.ofSeconds(20);
    /** Per checkpoint: small enough that no demo alert rule has the traffic or labels to fire on a checkpoint. */
    static final int PER_SECOND = 4;
    static final int BATCH = 600;
    private static final long TICK_MS = 1000 / PER_SECOND;
    private static final String JUDGE_VERSION = "demo-synthetic-1";

    private final RecordSink sink;
    private final KafkaProducer<String, Verdict> judgments;
    private final String judgmentsTopic;
    private final List<SyntheticTrafficGenerator> generators = new ArrayList<>();
    private final int[] produced = new int[CHECKPOINTS];
    private final SplittableRandom judgeRandom;
    private final long startMillis;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-checkpoint-run");
        t.setDaemon(true);
        return t;
    });

    public CheckpointRun(Map<String, Object> clientConfig, RecordSink sink, Topic<String, Verdict> judgmentsTopic, long seed, long startMillis) {
        this.sink = sink;
        Map<String, Object> p = new HashMap<>(clientConfig);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        this.judgments = new KafkaProducer<>(p, judgmentsTopic.keySerde().serializer(), judgmentsTopic.valueSerde().serializer());
        this.judgmentsTopic = judgmentsTopic.name();
        for (int k = 0; k < CHECKPOINTS; k++) {
            VersionProfile profile = new VersionProfile(MODEL, version(k), 1.0, ratesAt(k));
            generators.add(new SyntheticTrafficGenerator(new SyntheticConfig(List.of(profile), List.of()), seed + k, startMillis));
        }
        this.judgeRandom = new SplittableRandom(seed);
        this.startMillis = startMillis;
    }

    public void start() {
        timer.scheduleAtFixedRate(this::tick, 0, TICK_MS, TimeUnit.MILLISECONDS);
    }

    static String version(int k) {
        return "ckpt-" + step(k);
    }

    static long step(int k) {
        return k * STEP_SIZE;
    }

    /** Failure rate falls from 24% at the first checkpoint to 2% at the last. */
    static FailureRates ratesAt(int k) {
        double total = 0.24 - 0.22 * k / (CHECKPOINTS - 1);
        return FailureRates.of(total / 4, total / 4, total / 4, total / 4);
    }

    /** Probability a judge's flag matches the truth at checkpoint k: near chance early, good late, the overseer ahead. */
    static double accuracy(String judge, int k) {
        double progress = (double) k / (CHECKPOINTS - 1);
        return JudgesConfig.OVERSEER_ID.equals(judge) ? 0.55 + 0.40 * progress : 0.50 + 0.30 * progress;
    }

    private void tick() {
        try {
            long now = System.currentTimeMillis();
            int released = (int) Math.min(CHECKPOINTS, (now - startMillis) / RELEASE_EVERY.toMillis() + 1);
            for (int k = 0; k < released; k++) {
                if (produced[k] < BATCH) {
                    produced[k]++;
                    Interaction interaction = checkpointInteraction(generators.get(k).next(now), k);
                    sink.accept(interaction);
                    judge(interaction, JudgesConfig.SELF_ID, k);
                    judge(interaction, JudgesConfig.OVERSEER_ID, k);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Demo checkpoint run: {}", e.toString());
        }
    }

    private Interaction checkpointInteraction(Interaction interaction, int k) {
        interaction.setId(PROCESS + "-" + interaction.getId());
        interaction.setTrainingProcessId(PROCESS);
        interaction.setDeployment(ENVIRONMENTS.get(produced[k] % ENVIRONMENTS.size()));
        interaction.getMetadata().put(ProcessCellKey.CHECKPOINT_STEP, Long.toString(step(k)));
        return interaction;
    }

    private void judge(Interaction interaction, String judge, int k) {
        boolean failed = !FailureKind.NONE.label().equals(interaction.getMetadata().get(SyntheticTrafficGenerator.META_FAILURE));
        boolean flagged = judgeRandom.nextDouble() < accuracy(judge, k) == failed;
        double score = flagged ? 0.6 + 0.4 * judgeRandom.nextDouble() : 0.4 * judgeRandom.nextDouble();
        ClassifierResult result = new ClassifierResult(judge, JUDGE_VERSION, ScoreStatus.SCORED, score, flagged,
                flagged ? List.of("intent-not-met") : List.of(), List.of(), null);
        Verdict verdict = new Verdict(interaction.getId(), interaction.getModel(), interaction.getVersion(), interaction.getEventTime(),
                List.of(result), flagged, score, JUDGE_VERSION, Instant.now());
        judgments.send(new ProducerRecord<>(judgmentsTopic, interaction.getId(), verdict));
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdown();
        timer.awaitTermination(5, TimeUnit.SECONDS);
        judgments.close();
    }
}
