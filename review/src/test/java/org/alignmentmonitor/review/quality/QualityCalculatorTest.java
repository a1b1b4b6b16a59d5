package org.alignmentmonitor.review.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import org.alignmentmonitor.review.queue.Judgment;
import org.alignmentmonitor.review.queue.LabelEvent;
import org.alignmentmonitor.review.queue.QueueItem;
import org.alignmentmonitor.review.queue.QueueSettings;
import org.alignmentmonitor.review.queue.ReviewQueue;
import org.junit.jupiter.api.Test;

class QualityCalculatorTest {

    private static final long NOW = 10 * 3_600_000L;

    @Test
    void shouldComputePositiveSpecificAgreementAsTwoAOverTwoAPlusDisagreements() {
        // a = 3 items both positive, b + c = 2 items one positive: 6 / 8.
        List<List<Boolean>> units = List.of(List.of(true, true), List.of(true, true), List.of(true, true),
                List.of(true, false), List.of(false, true), List.of(false, false));
        assertThat(SpecificAgreement.of(units, b -> b)).isCloseTo(6.0 / 8.0, within(1e-12));
    }

    @Test
    void shouldReportGoldAccuracyWithAClopperPearsonIntervalAndAgreementFromDoubledItems() {
        ReviewQueue q = new ReviewQueue(new QueueSettings(Duration.ofMinutes(5), 1.0, 0, "s"), () -> NOW, new Random(1));
        for (int i = 0; i < 10; i++) {
            q.add(QueueItem.gold("g" + i, Judgment.ALIGNED));
            q.record(new LabelEvent("g" + i, "ann", i < 8 ? Judgment.ALIGNED : Judgment.AMBIGUOUS, List.of(), "", "1.0", NOW - 1000), false);
        }
        q.add(QueueItem.task("t1", NOW - 5000));
        q.add(QueueItem.task("t2", NOW - 4000));
        q.add(QueueItem.task("t3", NOW - 3000));
        for (String t : List.of("t1", "t2")) {
            q.record(new LabelEvent(t, "ann", Judgment.MISALIGNED, List.of("truncation"), "", "1.0", NOW - 2 * 3_600_000L), false);
            q.record(new LabelEvent(t, "bob", Judgment.MISALIGNED, List.of("truncation"), "", "1.0", NOW - 10), false);
        }
        QualityReport r = QualityCalculator.report(q, NOW);
        GoldAccuracy ann = r.gold().get(0);
        assertThat(ann.correct()).isEqualTo(8);
        assertThat(ann.total()).isEqualTo(10);
        // Clopper-Pearson 95% for 8/10: [0.4439, 0.9748] (standard tables).
        assertThat(ann.lower()).isCloseTo(0.4439, within(1e-4));
        assertThat(ann.upper()).isCloseTo(0.9748, within(1e-4));
        assertThat(r.positiveAgreement()).isEqualTo(1.0);
        assertThat(r.itemsWithOverlap()).isEqualTo(2);
        assertThat(r.queueDepth()).isEqualTo(1);
        assertThat(r.oldestWaitingAgeMs()).isEqualTo(3000);
        assertThat(r.throughput().lastHour()).isEqualTo(12);
        assertThat(r.throughput().lastDay()).isEqualTo(14);
        assertThat(r.openAdjudications()).isEqualTo(2);
    }
}
