package org.alignmentmonitor.monitor.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.avro.JudgeTally;
import org.alignmentmonitor.avro.LabelValue;
import org.alignmentmonitor.avro.Verdict;
import org.alignmentmonitor.estimators.process.ProcessBound;
import org.alignmentmonitor.estimators.process.ScorecardPolicy;
import org.alignmentmonitor.streams.process.ProcessAgreement;
import org.alignmentmonitor.streams.process.ProcessCellKey;
import org.alignmentmonitor.streams.topology.BucketKey;
import org.alignmentmonitor.streams.topology.BucketStatsMath;
import org.junit.jupiter.api.Test;

/** From stored process cells to the JSON the API and the process page read. */
class ProcessViewTest {

    private static final ScorecardPolicy POLICY = new ScorecardPolicy(0.05, 0.05, 30);
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void shouldDecideEachRunAndBoundTheProcessFromItsCells() throws Exception {
        Map<ProcessCellKey, BucketStats> cells = new LinkedHashMap<>();
        cells.put(new ProcessCellKey("p", "m", "ckpt-0", "sim-a", 0L), cell("ckpt-0", 200, 40, 20));   // 50% labelled misaligned
        cells.put(new ProcessCellKey("p", "m", "ckpt-1000", "sim-a", 1000L), cell("ckpt-1000", 200, 40, 0));
        cells.put(new ProcessCellKey("p", "m", "ckpt-1000", "sim-b", 1000L), cell("ckpt-1000", 100, 10, 0));  // too few labels

        ProcessView view = ProcessView.of("p", cells, POLICY, 0.05);

        assertThat(view.runs()).extracting(r -> r.version() + "/" + r.deployment() + "=" + r.outcome())
                .containsExactly("ckpt-0/sim-a=FAILED", "ckpt-1000/sim-a=PASSED", "ckpt-1000/sim-b=INSUFFICIENT_LABELS");
        assertThat(view.draws()).isEqualTo(2);
        assertThat(view.failures()).isEqualTo(1);
        assertThat(view.simpleBound()).isNull();
        assertThat(view.exactBound()).isEqualTo(ProcessBound.exact(1, 2, 0.05));
        assertThat(view.runs().get(1).rate().upper()).as("no failing label: the upper end does not collapse to 0")
                .isGreaterThan(0.05);
        assertThat(view.checkpoints()).extracting(ProcessView.CheckpointView::step).containsExactly(0L, 1000L);
        assertThat(view.checkpoints().get(1).interactions()).as("a checkpoint sums its environments").isEqualTo(300);

        JsonNode json = new ObjectMapper().findAndRegisterModules().readTree(new ObjectMapper().findAndRegisterModules().writeValueAsString(view));
        assertThat(json.has("scorecard")).isFalse();
        assertThat(json.path("policy").path("threshold").asDouble()).isEqualTo(0.05);
        assertThat(json.path("assumptions").size()).isEqualTo(5);
        assertThat(json.path("simpleBound").isNull()).isTrue();
        assertThat(json.path("from").asText()).isEqualTo(T0.toString());
    }

    @Test
    void shouldReportEachJudgesAgreementWithTheLabelsPerCheckpoint() {
        BucketStats stats = cell("ckpt-0", 100, 40, 10);
        // Of 10 labelled misaligned the overseer flagged 8; of 30 labelled aligned it flagged 3.
        stats.getJudges().put(ProcessAgreement.tallyKey("judge.overseer", LabelValue.MISALIGNED), new JudgeTally(10L, 8L, 7.0, 0L));
        stats.getJudges().put(ProcessAgreement.tallyKey("judge.overseer", LabelValue.ALIGNED), new JudgeTally(30L, 3L, 3.0, 0L));
        ProcessView view = ProcessView.of("p", Map.of(new ProcessCellKey("p", "m", "ckpt-0", "sim-a", 0L), stats), POLICY, 0.05);

        ProcessView.AgreementView overseer = view.checkpoints().get(0).judges().get("judge.overseer");
        assertThat(view.checkpoints().get(0).judges()).containsOnlyKeys("judge.overseer");
        assertThat(overseer.pairs()).isEqualTo(40);
        assertThat(overseer.agreement()).isEqualTo(35.0 / 40);
        assertThat(overseer.sensitivity()).isEqualTo(0.8);
        assertThat(overseer.specificity()).isEqualTo(0.9);
    }

    /** A cell with {@code n} interactions, {@code labelled} of them labelled (each with pi = labelled / n), {@code misaligned} of those misaligned. */
    private static BucketStats cell(String version, int n, int labelled, int misaligned) {
        BucketKey key = new BucketKey("m", version, 0L);
        BucketStats stats = BucketStatsMath.empty(key, 0L);
        for (int i = 0; i < n; i++) {
            BucketStatsMath.add(stats, new Verdict("i" + i, "m", version, T0, List.of(), false, 0.1, "c1", T0));
            if (i < labelled) {
                BucketStatsMath.mergeInto(stats, BucketStatsMath.labelDelta(key, 0L, 0.1, (double) labelled / n, null,
                        i < misaligned ? LabelValue.MISALIGNED : LabelValue.ALIGNED));
            }
        }
        return stats;
    }
}
