package org.alignmentmonitor.alerts;

import java.util.Locale;

import org.alignmentmonitor.estimators.Interval;

/**
 * What one rule concluded from one observation.
 *
 * @param estimate  the rate (threshold rules) or the rise over the previous version (regression rules)
 * @param interval  the anytime-valid interval for that quantity
 * @param reference the threshold or the margin the interval is compared with
 * @param facts     the counts and rates behind it, for the alert message
 */
record Evidence(Condition condition, double estimate, Interval interval, double reference, String facts) {

    enum Condition {
        /** The whole interval lies above the reference: the rule's condition holds. */
        ABOVE,
        /** The whole interval lies below the reference: the alert may resolve. */
        BELOW,
        /** The interval straddles the reference: no change either way (hysteresis). */
        UNDECIDED,
        /** Too little traffic or labels, or no previous version to compare with. */
        INSUFFICIENT
    }

    static Evidence insufficient(String facts) {
        return new Evidence(Condition.INSUFFICIENT, Double.NaN, Interval.UNIT, Double.NaN, facts);
    }

    static Evidence compare(double estimate, Interval interval, double reference, String facts) {
        Condition condition = interval.lower() > reference ? Condition.ABOVE
                : interval.upper() < reference ? Condition.BELOW : Condition.UNDECIDED;
        return new Evidence(condition, estimate, interval, reference, facts);
    }

    static String percent(double rate) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * rate);
    }
}
