package org.alignmentmonitor.monitor.api;

import org.alignmentmonitor.avro.JudgeTally;
import org.alignmentmonitor.estimators.Interval;
import org.alignmentmonitor.estimators.Wilson;

/**
 * One asynchronous judge over a window: how many interactions it scored, flagged and gave up on,
 * and its flag rate among those it scored (Wilson interval). Unscored interactions are left out of
 * the rate, not counted as aligned, so an outage shows as a coverage drop, not a rate dip.
 */
public record JudgeView(long scored, long flagged, long unscored, Double meanScore, Double flaggedRate, Interval flaggedRateInterval) {

    static JudgeView of(JudgeTally tally, double alpha) {
        long scored = tally.getScored();
        return new JudgeView(scored, tally.getFlagged(), tally.getUnscored(),
                scored == 0 ? null : tally.getScoreSum() / scored,
                scored == 0 ? null : (double) tally.getFlagged() / scored,
                scored == 0 ? null : Wilson.interval(tally.getFlagged(), scored, alpha));
    }
}
