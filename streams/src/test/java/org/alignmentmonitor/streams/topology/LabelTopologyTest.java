package org.alignmentmonitor.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.alignmentmonitor.alerts.RuleFile;
import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.avro.Label;
import org.alignmentmonitor.avro.LabelValue;
import org.alignmentmonitor.avro.ReviewTask;
import org.alignmentmonitor.avro.TrainingExample;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.estimators.Estimates;
import org.alignmentmonitor.estimators.Estimator;
import org.alignmentmonitor.review.sampling.SamplingPolicy;
import org.alignmentmonitor.streams.errors.DeadLetterRecords;
import org.alignmentmonitor.streams.judging.JudgingSettings;
import org.alignmentmonitor.streams.rates.EstimatorInputs;
import org.alignmentmonitor.streams.rates.RateSettings;
import org.alignmentmonitor.streams.review.SamplingSettings;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Review sampling and labels in the topology: tasks carry pi, labels land in their interaction's bucket. */
class LabelTopologyTest {

    private static final Instant T0 = Instant.parse("2026-10-27T10:00:00Z");
    private static final Instant T1 = T0.plus(Duration.ofHours(1));

    private TopologyFixture fx;

    @BeforeEach
    void start() {
        // Every interaction is sampled in its stratum's first interval, so the tests know which are reviewed.
        SamplingSettings everything = new SamplingSettings(
                new SamplingPolicy("test-sampler", "salt", 0.001, new double[] {0.5}, 50), Duration.ofHours(1), 1, 1.0);
        TopologySettings settings = new TopologySettings(Duration.ofDays(7), Duration.ofMinutes(1), Duration.ofSeconds(1),
                ClassifierSuite.defaults(), everything, RateSettings.defaults(), RuleFile.NONE, JudgingSettings.OFF);
        fx = new TopologyFixture(settings, T0);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void shouldEmitAReviewTaskWithItsInclusionProbabilityAndScore() {
        fx.send(TestInteractions.truncated("a", "m", "v1", T0), T0);

        ReviewTask task = fx.reviewTasks.readValue();
        assertThat(task.getInteractionId()).isEqualTo("a");
        assertThat(task.getInclusionProbability()).isEqualTo(1.0);
        assertThat(task.getStratum()).isEqualTo("m:v1|band1|flagged");
        assertThat(task.getSamplerVersion()).isEqualTo("test-sampler");
        assertThat(task.getFlagged()).isTrue();
        assertThat(task.getScore()).isGreaterThan(0.5);
        assertThat(task.getInteraction().getId()).isEqualTo("a");
    }

    @Test
    void shouldChangeOnlyTheInteractionsWindowWhenALabelArrivesThreeDaysLate() {
        fx.send(TestInteractions.good("a", "m", "v1", T0), T0);
        fx.send(TestInteractions.good("b", "m", "v1", T1), T1);
        fx.flush();
        BucketStats otherBefore = bucket(T1);
        Estimates before = estimate(bucket(T0));

        Instant threeDaysLater = T0.plus(Duration.ofDays(3));
        fx.labels.pipeInput("a", label("a", LabelValue.MISALIGNED, "alice", threeDaysLater), threeDaysLater);
        fx.flush();

        BucketStats window = bucket(T0);
        assertThat(window.getInteractions()).as("a label adds no interaction").isEqualTo(1);
        assertThat(window.getMisaligned()).isEqualTo(1);
        assertThat(window.getLow().getLabelled()).isEqualTo(1);
        assertThat(window.getLow().getPositives()).isEqualTo(1);
        Estimates after = estimate(window);
        assertThat(before.low().labelsOnly().labelled()).isZero();
        assertThat(after.low().labelsOnly().ipwRate()).isCloseTo(1.0, within(1e-12));
        assertThat(after.low().ppi().estimate()).isNotEqualTo(before.low().ppi().estimate());
        assertThat(bucket(T1)).as("the window of another interaction is untouched").isEqualTo(otherBefore);
        assertThat(fx.stored(Names.HOUR_STATS_STORE, new BucketKey("m", "v1", T0.toEpochMilli())).getMisaligned()).isEqualTo(1);
        assertThat(fx.stored(Names.HOUR_STATS_STORE, new BucketKey("m", "v1", T1.toEpochMilli())).getMisaligned()).isZero();
        assertThat(fx.stored(Names.VERSION_TOTALS_STORE, VersionTotals.key("m", "v1")).getMisaligned()).isEqualTo(1);
    }

    @Test
    void shouldReplaceTheContributionWhenALabelIsCorrectedAndIgnoreRepeats() {
        fx.send(TestInteractions.good("a", "m", "v1", T0), T0);
        fx.flush();
        Instant t = T0.plus(Duration.ofMinutes(10));
        fx.labels.pipeInput("a", label("a", LabelValue.MISALIGNED, "alice", t), t);
        fx.labels.pipeInput("a", label("a", LabelValue.MISALIGNED, "alice", t), t);
        fx.labels.pipeInput("a", label("a", LabelValue.AMBIGUOUS, "alice", t.plusSeconds(60)), t.plusSeconds(60));
        fx.flush();

        BucketStats window = bucket(T0);
        assertThat(window.getMisaligned()).isZero();
        assertThat(window.getAmbiguous()).isEqualTo(1);
        List<TrainingExample> examples = fx.trainingExamples.readValuesToList();
        assertThat(examples).as("one example per change of the effective label, none for the repeat")
                .extracting(TrainingExample::getLabel, TrainingExample::getPreviousLabel)
                .containsExactly(tuple(LabelValue.MISALIGNED, null), tuple(LabelValue.AMBIGUOUS, LabelValue.MISALIGNED));
        assertThat(examples.get(0).getTask().getInteraction().getCompletion()).as("what the learned classifier trains on")
                .isEqualTo(TestInteractions.good("a", "m", "v1", T0).getCompletion());
        assertThat(examples.get(0).getTask().getResults()).isNotEmpty();
        assertThat(window.getLow().getLabelled()).isEqualTo(1);
        assertThat(window.getLow().getPositives()).as("ambiguous counts as aligned in y_low").isZero();
        assertThat(window.getHigh().getPositives()).as("and as misaligned in y_high").isEqualTo(1);
        assertThat(window.getLow().getSumB()).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void shouldSendLabelsWithoutAReviewTaskOrPastTheHorizonToTheDeadLetterTopic() {
        fx.send(TestInteractions.good("a", "m", "v1", T0), T0);
        fx.flush();
        fx.labels.pipeInput("never-sampled", label("never-sampled", LabelValue.ALIGNED, "alice", T0), T0);
        Instant late = T0.plus(Duration.ofDays(31));
        fx.labels.pipeInput("a", label("a", LabelValue.MISALIGNED, "alice", late), late);
        fx.flush();

        List<TestRecord<String, String>> dead = fx.labelDeadLetters.readRecordsToList();
        assertThat(dead).extracting(TestRecord::key).containsExactly("never-sampled", "a");
        assertThat(TopologyFixture.header(dead.get(0), DeadLetterRecords.REASON)).contains("no review task");
        assertThat(TopologyFixture.header(dead.get(1), DeadLetterRecords.REASON)).contains("after its interaction; the horizon is 720 h");
        assertThat(bucket(T0).getLow().getLabelled()).isZero();
    }

    private BucketStats bucket(Instant start) {
        return fx.stored(Names.BUCKET_STATS_STORE, new BucketKey("m", "v1", start.toEpochMilli()));
    }

    private static Estimates estimate(BucketStats stats) {
        return Estimator.estimate(EstimatorInputs.stateOf(stats));
    }

    private static Label label(String interactionId, LabelValue value, String labeller, Instant at) {
        return Label.newBuilder()
                .setTaskId("review:" + interactionId)
                .setInteractionId(interactionId)
                .setModel("m")
                .setVersion("v1")
                .setEventTime(T0)
                .setLabeller(labeller)
                .setLabel(value)
                .setManualVersion("manual-1")
                .setLabelledAt(at)
                .build();
    }
}
