package org.alignmentmonitor.review.quality;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.alignmentmonitor.estimators.ClopperPearson;
import org.alignmentmonitor.estimators.Interval;
import org.alignmentmonitor.review.queue.Judgment;
import org.alignmentmonitor.review.queue.LabelEvent;
import org.alignmentmonitor.review.queue.QueueDepth;
import org.alignmentmonitor.review.queue.RatedItem;
import org.alignmentmonitor.review.queue.ReviewQueue;

/** Computes the {@link QualityReport} from the queue's current labels. */
public final class QualityCalculator {

    private static final long HOUR_MS = 3_600_000L;
    private static final double GOLD_INTERVAL_ALPHA = 0.05;

    private QualityCalculator() {
    }

    public static QualityReport report(ReviewQueue queue, long now) {
        List<RatedItem> rated = queue.ratings();
        // Agreement is measured on ordinary items only: gold items are answered against a key, not against each other.
        List<Collection<LabelEvent>> overlapping = new ArrayList<>();
        rated.stream().filter(r -> r.goldAnswer() == null && r.latestByLabeller().size() >= 2)
                .forEach(r -> overlapping.add(r.latestByLabeller().values()));
        List<List<Judgment>> judgments = overlapping.stream().map(u -> u.stream().map(LabelEvent::judgment).toList()).toList();
        Map<String, Double> byCategory = new TreeMap<>();
        TreeSet<String> categories = new TreeSet<>();
        overlapping.forEach(u -> u.forEach(e -> categories.addAll(e.categories())));
        for (String category : categories) {
            byCategory.put(category, KrippendorffAlpha.nominal(
                    overlapping.stream().map(u -> u.stream().map(e -> e.categories().contains(category)).toList()).toList()));
        }
        QueueDepth depth = queue.depth();
        return new QualityReport(
                KrippendorffAlpha.nominal(judgments), byCategory,
                SpecificAgreement.of(judgments, j -> j == Judgment.MISALIGNED), overlapping.size(),
                goldAccuracy(rated), throughput(queue.firstLabels(), now),
                depth.waiting(), depth.oldestEnqueuedAt() < 0 ? 0 : Math.max(0, now - depth.oldestEnqueuedAt()),
                depth.leased(), depth.adjudications());
    }

    static List<GoldAccuracy> goldAccuracy(List<RatedItem> rated) {
        Map<String, long[]> counts = new TreeMap<>();
        for (RatedItem r : rated) {
            if (r.goldAnswer() == null) {
                continue;
            }
            r.latestByLabeller().forEach((labeller, e) -> {
                long[] c = counts.computeIfAbsent(labeller, k -> new long[2]);
                c[0] += e.judgment() == r.goldAnswer() ? 1 : 0;
                c[1]++;
            });
        }
        List<GoldAccuracy> out = new ArrayList<>();
        counts.forEach((labeller, c) -> {
            Interval ci = ClopperPearson.interval(c[0], c[1], GOLD_INTERVAL_ALPHA);
            out.add(new GoldAccuracy(labeller, c[0], c[1], ci.lower(), ci.upper(), 1 - GOLD_INTERVAL_ALPHA));
        });
        return out;
    }

    static Throughput throughput(List<LabelEvent> firstLabels, long now) {
        long hour = 0;
        long day = 0;
        Map<String, Long> byLabeller = new TreeMap<>();
        for (LabelEvent e : firstLabels) {
            long age = now - e.labelledAt();
            if (age < 0 || age >= 24 * HOUR_MS) {
                continue;
            }
            day++;
            hour += age < HOUR_MS ? 1 : 0;
            byLabeller.merge(e.labeller(), 1L, Long::sum);
        }
        return new Throughput(hour, day, byLabeller);
    }
}
