package org.alignmentmonitor.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.alignmentmonitor.alerts.RuleFile;
import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.avro.ClassifierResult;
import org.alignmentmonitor.avro.JudgeRequest;
import org.alignmentmonitor.avro.JudgeTally;
import org.alignmentmonitor.avro.ScoreStatus;
import org.alignmentmonitor.avro.Verdict;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.classifiers.Results;
import org.alignmentmonitor.streams.judging.JudgingSettings;
import org.alignmentmonitor.streams.rates.RateSettings;
import org.alignmentmonitor.streams.review.SamplingSettings;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Interactions out to the judges, judgments back into the statistics of their interaction's bucket. */
class JudgingTopologyTest {

    private static final Instant T0 = Instant.parse("2026-10-27T10:00:00Z");
    private static final String OVERSEER = "judge.overseer";

    private TopologyFixture fx;

    private void start(JudgingSettings judging) {
        fx = new TopologyFixture(new TopologySettings(Duration.ofDays(7), Duration.ofMinutes(1), Duration.ofSeconds(1),
                ClassifierSuite.defaults(), SamplingSettings.defaults("salt", 1), RateSettings.defaults(), RuleFile.NONE, judging), T0);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void shouldSendEachDistinctInteractionToTheJudgesOnceWhenJudgingIsOn() {
        start(new JudgingSettings(1.0, "judges"));
        fx.send(TestInteractions.good("a", "m", "v1", T0), T0);
        fx.send(TestInteractions.good("a", "m", "v1", T0), T0);  // redelivered by the log shipper
        fx.send(TestInteractions.truncated("b", "m", "v1", T0), T0);

        List<KeyValue<String, JudgeRequest>> requests = fx.judgeRequests.readKeyValuesToList();
        assertThat(requests).extracting(kv -> kv.key).containsExactly("a", "b");
        JudgeRequest b = requests.get(1).value;
        assertThat(b.getInteraction().getId()).isEqualTo("b");
        assertThat(b.getRuleResults()).as("the judges get the rule results with the interaction")
                .extracting(ClassifierResult::getClassifierId).contains("rule.truncation");
        assertThat(b.getClassifierConfigVersion()).isEqualTo(ClassifierSuite.defaults().configVersion());
    }

    @Test
    void shouldSendNothingToTheJudgesWhenJudgingIsOff() {
        start(JudgingSettings.OFF);
        fx.send(TestInteractions.good("a", "m", "v1", T0), T0);

        assertThat(fx.judgeRequests.isEmpty()).isTrue();
    }

    @Test
    void shouldJudgeAReDerivableShareOfInteractions() {
        JudgingSettings half = new JudgingSettings(0.5, "judges");
        start(half);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String id = "i-" + i;
            fx.send(TestInteractions.good(id, "m", "v1", T0), T0);
            if (half.selects(id)) {
                expected.add(id);
            }
        }

        assertThat(fx.judgeRequests.readKeyValuesToList()).extracting(kv -> kv.key).isEqualTo(expected);
        assertThat(expected.size()).isBetween(70, 130);
    }

    @Test
    void shouldCountEachJudgeOncePerInteractionWhenJudgmentsAreRedelivered() {
        start(new JudgingSettings(1.0, "judges"));
        fx.send(TestInteractions.good("a", "m", "v1", T0), T0);
        fx.send(TestInteractions.good("b", "m", "v1", T0.plusSeconds(5)), T0);
        Verdict a = judgment("a", scored(0.9));
        fx.judgments.pipeInput("a", a, T0.plusSeconds(30));
        fx.judgments.pipeInput("a", a, T0.plusSeconds(40));  // redelivered after a restart
        fx.judgments.pipeInput("b", judgment("b", Results.unscored(OVERSEER, "1", "endpoint unavailable for 10 min")), T0.plusSeconds(50));
        fx.flush();

        JudgeTally tally = bucket().getJudges().get(OVERSEER);
        assertThat(tally.getScored()).isEqualTo(1);
        assertThat(tally.getFlagged()).isEqualTo(1);
        assertThat(tally.getScoreSum()).isCloseTo(0.9, within(1e-12));
        assertThat(tally.getUnscored()).isEqualTo(1);
        assertThat(bucket().getInteractions()).as("judgments add no interaction").isEqualTo(2);
        assertThat(fx.stored(Names.VERSION_TOTALS_STORE, VersionTotals.key("m", "v1")).getJudges().get(OVERSEER).getScored()).isEqualTo(1);
    }

    @Test
    void shouldMoveTheCountWhenAnUnscoredJudgmentIsLaterScored() {
        start(new JudgingSettings(1.0, "judges"));
        fx.send(TestInteractions.good("a", "m", "v1", T0), T0);
        fx.judgments.pipeInput("a", judgment("a", Results.unscored(OVERSEER, "1", "circuit open")), T0.plusSeconds(30));
        fx.judgments.pipeInput("a", judgment("a", scored(0.2)), T0.plusSeconds(90));
        fx.flush();

        JudgeTally tally = bucket().getJudges().get(OVERSEER);
        assertThat(tally.getScored()).isEqualTo(1);
        assertThat(tally.getUnscored()).isZero();
        assertThat(tally.getFlagged()).isZero();
        assertThat(tally.getScoreSum()).isCloseTo(0.2, within(1e-12));
    }

    @Test
    void shouldSendAJudgmentWithoutExactlyOneResultToTheDeadLetterTopic() {
        start(new JudgingSettings(1.0, "judges"));
        Verdict two = judgment("a", scored(0.9));
        two.setResults(List.of(scored(0.9), scored(0.1)));
        fx.judgments.pipeInput("a", two, T0);

        assertThat(fx.judgmentDeadLetters.readRecord().headers().lastHeader("dlq.reason").value())
                .asString().contains("exactly one classifier result");
    }

    private BucketStats bucket() {
        return fx.stored(Names.BUCKET_STATS_STORE, new BucketKey("m", "v1", T0.toEpochMilli()));
    }

    private static ClassifierResult scored(double score) {
        return new ClassifierResult(OVERSEER, "1", ScoreStatus.SCORED, score, score >= 0.5,
                score >= 0.5 ? List.of("intent-not-met") : List.of(), List.of(), null);
    }

    private static Verdict judgment(String id, ClassifierResult result) {
        boolean scored = result.getStatus() == ScoreStatus.SCORED;
        return new Verdict(id, "m", "v1", T0, List.of(result), scored && result.getFlagged(), scored ? result.getScore() : 0.0,
                "judges-1", T0);
    }
}
