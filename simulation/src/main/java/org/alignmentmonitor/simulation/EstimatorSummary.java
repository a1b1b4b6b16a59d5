package org.alignmentmonitor.simulation;

import java.util.List;
import org.alignmentmonitor.estimators.Interval;

/**
 * How one estimator did over the runs of a scenario, against the true rate.
 *
 * @param bias       mean(point) - truth
 * @param rmse       sqrt(mean((point - truth)^2))
 * @param coverage   share of runs whose interval contains the truth; NaN without an interval
 * @param belowTruth share of runs whose whole interval lies below the truth (the misses that
 *                   would wrongly certify a low rate); NaN without an interval
 * @param meanWidth  mean interval width; NaN without an interval
 */
public record EstimatorSummary(double bias, double rmse, double coverage, double belowTruth, double meanWidth) {

    static EstimatorSummary of(EstimatorKind kind, List<RunOutcome> runs, double truth) {
        double error = 0;
        double squared = 0;
        int covered = 0;
        int below = 0;
        double width = 0;
        boolean hasInterval = true;
        for (RunOutcome run : runs) {
            double e = kind.point(run.estimates()) - truth;
            error += e;
            squared += e * e;
            Interval interval = kind.interval(run.estimates());
            if (interval == null) {
                hasInterval = false;
            } else {
                covered += interval.contains(truth) ? 1 : 0;
                below += interval.upper() < truth ? 1 : 0;
                width += interval.width();
            }
        }
        int n = runs.size();
        return new EstimatorSummary(error / n, Math.sqrt(squared / n),
                hasInterval ? (double) covered / n : Double.NaN,
                hasInterval ? (double) below / n : Double.NaN,
                hasInterval ? width / n : Double.NaN);
    }
}
