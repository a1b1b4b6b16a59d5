package org.alignmentmonitor.review.quality;

import java.util.Collection;
import java.util.function.Predicate;

/**
 * Positive-specific agreement generalised to any number of raters per item (Uebersax): of the rater pairs in which one
 * rater said "positive", the share in which the other said so too. With two raters it is 2a / (2a + b + c). It
 * answers what kappa-like figures hide on rare positives: do labellers agree on the MISALIGNED calls themselves?
 */
public final class SpecificAgreement {

    private SpecificAgreement() {
    }

    /** NaN when no item has both a positive and a second rating. */
    public static <V> double of(Collection<? extends Collection<V>> units, Predicate<V> positive) {
        double agreeing = 0;
        double possible = 0;
        for (Collection<V> unit : units) {
            int m = unit.size();
            if (m < 2) {
                continue;
            }
            long x = unit.stream().filter(positive).count();
            agreeing += x * (x - 1);
            possible += x * (m - 1);
        }
        return possible == 0 ? Double.NaN : agreeing / possible;
    }
}
