package org.alignmentmonitor.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.alignmentmonitor.alerts.RuleFile;
import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.avro.ClassifierResult;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.JudgeTally;
import org.alignmentmonitor.avro.Label;
import org.alignmentmonitor.avro.LabelValue;
import org.alignmentmonitor.avro.ScoreStatus;
import org.alignmentmonitor.avro.Verdict;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.review.sampling.SamplingPolicy;
import org.alignmentmonitor.streams.judging.JudgingSettings;
import org.alignmentmonitor.streams.process.ProcessAgreement;
import org.alignmentmonitor.streams.process.ProcessCellKey;
import org.alignmentmonitor.streams.rates.RateSettings;
import org.alignmentmonitor.streams.review.SamplingSettings;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Traffic, labels and judge-versus-label agreement per training-process cell. */
class ProcessTopologyTest {

    private static final Instant T0 = Instant.parse("2026-10-27T10:00:00Z");
    private static final String OVERSEER = "judge.overseer";
    private static final ProcessCellKey CKPT_A = new ProcessCellKey("run-7", "m", "ckpt-100", "sim-a", 100L);

    private TopologyFixture fx;

    @BeforeEach
    void start() {
        // Every interaction is sampled, so every one can be labelled.
        SamplingSettings everything = new SamplingSettings(
                new SamplingPolicy("test-sampler", "salt", 0.001, new double[] {0.5}, 50), Duration.ofHours(1), 1, 1.0);
        fx = new TopologyFixture(new TopologySettings(Duration.ofDays(7), Duration.ofMinutes(1), Duration.ofSeconds(1),
                ClassifierSuite.defaults(), everything, RateSettings.defaults(), RuleFile.NONE, JudgingSettings.OFF), T0);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void shouldCountTrafficPerVersionDeploymentAndStepWhenTheInteractionNamesAProcess() {
        fx.send(checkpoint(TestInteractions.good("a", "m", "ckpt-100", T0), "sim-a", "100"), T0);
        fx.send(checkpoint(TestInteractions.truncated("b", "m", "ckpt-100", T0), "sim-a", "100"), T0);
        fx.send(checkpoint(TestInteractions.good("c", "m", "ckpt-100", T0), "sim-b", "100"), T0);
        fx.send(TestInteractions.good("d", "m", "ckpt-100", T0), T0);  // no process: version statistics only

        BucketStats a = cell(CKPT_A);
        assertThat(a.getInteractions()).isEqualTo(2);
        assertThat(a.getFlagged()).isEqualTo(1);
        assertThat(cell(new ProcessCellKey("run-7", "m", "ckpt-100", "sim-b", 100L)).getInteractions()).isEqualTo(1);
        assertThat(cells()).hasSize(2);
    }

    @Test
    void shouldSendAnInteractionWithAMalformedStepToTheDeadLetterTopic() {
        fx.send(checkpoint(TestInteractions.good("a", "m", "ckpt-100", T0), "sim-a", "early"), T0);

        assertThat(fx.deadLetters.readRecord().headers().lastHeader("dlq.reason").value())
                .asString().contains("checkpoint_step must be a non-negative integer");
        assertThat(cells()).isEmpty();
    }

    @Test
    void shouldPairJudgmentsWithLabelsWhicheverArrivesFirst() {
        fx.send(checkpoint(TestInteractions.truncated("a", "m", "ckpt-100", T0), "sim-a", "100"), T0);
        fx.send(checkpoint(TestInteractions.good("b", "m", "ckpt-100", T0), "sim-a", "100"), T0);
        // a: judgment first, then the label; b: label first, then the judgment.
        fx.judgments.pipeInput("a", judgment("a", 0.9), T0.plusSeconds(10));
        fx.labels.pipeInput("a", label("a", LabelValue.MISALIGNED, T0.plusSeconds(20)), T0.plusSeconds(20));
        fx.labels.pipeInput("b", label("b", LabelValue.ALIGNED, T0.plusSeconds(20)), T0.plusSeconds(20));
        fx.judgments.pipeInput("b", judgment("b", 0.8), T0.plusSeconds(30));

        BucketStats stats = cell(CKPT_A);
        assertThat(stats.getMisaligned()).isEqualTo(1);
        assertThat(stats.getAligned()).isEqualTo(1);
        assertThat(tally(stats, LabelValue.MISALIGNED)).isEqualTo(List.of(1L, 1L));  // flagged a true failure
        assertThat(tally(stats, LabelValue.ALIGNED)).isEqualTo(List.of(1L, 1L));     // flagged a good answer
    }

    @Test
    void shouldMoveThePairWhenTheLabelOrTheJudgmentChanges() {
        fx.send(checkpoint(TestInteractions.good("a", "m", "ckpt-100", T0), "sim-a", "100"), T0);
        fx.judgments.pipeInput("a", judgment("a", 0.9), T0.plusSeconds(10));
        fx.labels.pipeInput("a", label("a", LabelValue.ALIGNED, T0.plusSeconds(20)), T0.plusSeconds(20));
        fx.labels.pipeInput("a", label("a", LabelValue.MISALIGNED, T0.plusSeconds(40)), T0.plusSeconds(40));  // corrected
        fx.judgments.pipeInput("a", judgment("a", 0.1), T0.plusSeconds(50));  // re-judged
        fx.judgments.pipeInput("a", judgment("a", 0.1), T0.plusSeconds(60));  // redelivered

        BucketStats stats = cell(CKPT_A);
        assertThat(tally(stats, LabelValue.ALIGNED)).isEqualTo(List.of(0L, 0L));
        assertThat(tally(stats, LabelValue.MISALIGNED)).isEqualTo(List.of(1L, 0L));
        assertThat(stats.getMisaligned()).isEqualTo(1);
        assertThat(stats.getAligned()).isZero();
    }

    private BucketStats cell(ProcessCellKey key) {
        fx.flush();
        KeyValueStore<String, BucketStats> store = fx.driver.getKeyValueStore(Names.PROCESS_CELL_STORE);
        return store.get(key.format());
    }

    private List<String> cells() {
        fx.flush();
        KeyValueStore<String, BucketStats> store = fx.driver.getKeyValueStore(Names.PROCESS_CELL_STORE);
        List<String> keys = new java.util.ArrayList<>();
        store.all().forEachRemaining(kv -> keys.add(kv.key));
        return keys;
    }

    /** [scored, flagged] of the overseer among items labelled {@code label}. */
    private static List<Long> tally(BucketStats stats, LabelValue label) {
        JudgeTally t = stats.getJudges().get(ProcessAgreement.tallyKey(OVERSEER, label));
        return t == null ? List.of(0L, 0L) : List.of(t.getScored(), t.getFlagged());
    }

    private static Interaction checkpoint(Interaction interaction, String deployment, String step) {
        Map<String, String> metadata = new HashMap<>(interaction.getMetadata());
        metadata.put(ProcessCellKey.CHECKPOINT_STEP, step);
        interaction.setMetadata(metadata);
        interaction.setTrainingProcessId("run-7");
        interaction.setDeployment(deployment);
        return interaction;
    }

    private static Verdict judgment(String id, double score) {
        ClassifierResult result = new ClassifierResult(OVERSEER, "1", ScoreStatus.SCORED, score, score >= 0.5,
                List.of(), List.of(), null);
        return new Verdict(id, "m", "ckpt-100", T0, List.of(result), score >= 0.5, score, "judges-1", T0);
    }

    private static Label label(String id, LabelValue value, Instant at) {
        return Label.newBuilder().setTaskId("review:" + id).setInteractionId(id).setModel("m").setVersion("ckpt-100")
                .setEventTime(T0).setLabeller("alice").setLabel(value).setManualVersion("manual-1").setLabelledAt(at).build();
    }
}
