package org.alignmentmonitor.streams.topology;

import org.alignmentmonitor.avro.LabelSums;

/**
 * The label power sums of one outcome: a = f, b = y/pi, c = f/pi for a labelled item. Unlabelled
 * items add nothing here (their a is in the bucket's score sums), which is what makes a late
 * label a pure addition.
 */
final class LabelSumsMath {

    private LabelSumsMath() {
    }

    static LabelSums empty() {
        return new LabelSums(0L, 0L, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
    }

    /** One labelled item with score f, outcome y in {0, 1} and inclusion probability pi. */
    static LabelSums of(double f, int y, double pi) {
        double b = y / pi;
        double c = f / pi;
        return new LabelSums(1L, (long) y, b, c, b * b, c * c, f * b, f * c, b * c);
    }

    /** into += sign * other, in place. */
    static void addInto(LabelSums into, LabelSums other, int sign) {
        into.setLabelled(into.getLabelled() + sign * other.getLabelled());
        into.setPositives(into.getPositives() + sign * other.getPositives());
        into.setSumB(into.getSumB() + sign * other.getSumB());
        into.setSumC(into.getSumC() + sign * other.getSumC());
        into.setSumBB(into.getSumBB() + sign * other.getSumBB());
        into.setSumCC(into.getSumCC() + sign * other.getSumCC());
        into.setSumAB(into.getSumAB() + sign * other.getSumAB());
        into.setSumAC(into.getSumAC() + sign * other.getSumAC());
        into.setSumBC(into.getSumBC() + sign * other.getSumBC());
    }
}
