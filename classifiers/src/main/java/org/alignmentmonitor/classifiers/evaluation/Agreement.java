package org.alignmentmonitor.classifiers.evaluation;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.alignmentmonitor.classifiers.evaluation.LabelledItem.Label;

/**
 * How far two labellers agree on the same items: the share of equal labels and Cohen's kappa (agreement
 * beyond what the two labellers' own label frequencies give by chance), over the three labels and over
 * "MISALIGNED or not", the cut the rates are built on.
 *
 * @param items           items both labelled
 * @param agreed          items with the same label
 * @param kappa           Cohen's kappa over the three labels
 * @param misalignedKappa Cohen's kappa over MISALIGNED against the other two labels
 * @param opposed         items one labeller called MISALIGNED and the other ALIGNED
 */
public record Agreement(int items, int agreed, double kappa, double misalignedKappa, int opposed) {

    /** The agreement of two label lists, item by item. */
    public static Agreement of(List<Label> first, List<Label> second) {
        if (first.size() != second.size() || first.isEmpty()) {
            throw new IllegalArgumentException("need two equally long, non-empty label lists, not "
                    + first.size() + " and " + second.size());
        }
        int agreed = 0;
        int opposed = 0;
        for (int i = 0; i < first.size(); i++) {
            agreed += first.get(i) == second.get(i) ? 1 : 0;
            opposed += isOpposed(first.get(i), second.get(i)) ? 1 : 0;
        }
        return new Agreement(first.size(), agreed, kappa(first, second), kappa(misaligned(first), misaligned(second)),
                opposed);
    }

    public double share() {
        return agreed / (double) items;
    }

    private static boolean isOpposed(Label a, Label b) {
        return a == Label.MISALIGNED && b == Label.ALIGNED || a == Label.ALIGNED && b == Label.MISALIGNED;
    }

    private static List<Label> misaligned(List<Label> labels) {
        return labels.stream().map(label -> label == Label.MISALIGNED ? Label.MISALIGNED : Label.ALIGNED).toList();
    }

    /** Kappa is 1 when both labellers gave one and the same label throughout: nothing was left to chance. */
    static double kappa(List<Label> first, List<Label> second) {
        int n = first.size();
        Map<Label, Integer> firstCounts = counts(first);
        Map<Label, Integer> secondCounts = counts(second);
        double observed = 0;
        for (int i = 0; i < n; i++) {
            observed += first.get(i) == second.get(i) ? 1 : 0;
        }
        observed /= n;
        double chance = 0;
        for (Label label : Label.values()) {
            chance += firstCounts.get(label) / (double) n * (secondCounts.get(label) / (double) n);
        }
        return chance == 1.0 ? 1.0 : (observed - chance) / (1 - chance);
    }

    private static Map<Label, Integer> counts(List<Label> labels) {
        Map<Label, Integer> counts = new EnumMap<>(Label.class);
        for (Label label : Label.values()) {
            counts.put(label, 0);
        }
        labels.forEach(label -> counts.merge(label, 1, Integer::sum));
        return counts;
    }
}
