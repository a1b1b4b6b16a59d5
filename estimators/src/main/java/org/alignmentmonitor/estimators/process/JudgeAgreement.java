package org.alignmentmonitor.estimators.process;

import org.alignmentmonitor.estimators.Interval;
import org.alignmentmonitor.estimators.Wilson;

/**
 * How well a judge's flags match human labels on the items both looked at (ambiguous labels left
 * out): the 2x2 table, raw agreement with a Wilson interval, Cohen's kappa (agreement beyond what
 * the two marginal flag rates give by chance), and the judge's sensitivity and specificity.
 * Along training checkpoints this shows from which step on a judge's oversight means something.
 *
 * @param flaggedMisaligned  labelled misaligned, flagged by the judge
 * @param missedMisaligned   labelled misaligned, not flagged
 * @param flaggedAligned     labelled aligned, flagged (false alarm)
 * @param passedAligned      labelled aligned, not flagged
 */
public record JudgeAgreement(long flaggedMisaligned, long missedMisaligned, long flaggedAligned, long passedAligned) {

    public JudgeAgreement {
        if (flaggedMisaligned < 0 || missedMisaligned < 0 || flaggedAligned < 0 || passedAligned < 0) {
            throw new IllegalArgumentException("counts must be non-negative");
        }
    }

    public long pairs() {
        return flaggedMisaligned + missedMisaligned + flaggedAligned + passedAligned;
    }

    /** Share of pairs where judge and human agree; NaN without pairs. */
    public double agreement() {
        return (double) (flaggedMisaligned + passedAligned) / pairs();
    }

    public Interval agreementInterval(double alpha) {
        return Wilson.interval(flaggedMisaligned + passedAligned, pairs(), alpha);
    }

    /** Cohen's kappa: (p_o - p_e) / (1 - p_e); NaN without pairs or when both raters are constant and agree. */
    public double kappa() {
        double n = pairs();
        double judgeYes = (flaggedMisaligned + flaggedAligned) / n;
        double humanYes = (flaggedMisaligned + missedMisaligned) / n;
        double expected = judgeYes * humanYes + (1 - judgeYes) * (1 - humanYes);
        return (agreement() - expected) / (1 - expected);
    }

    /** Share of human-labelled failures the judge flagged; NaN without any. */
    public double sensitivity() {
        return (double) flaggedMisaligned / (flaggedMisaligned + missedMisaligned);
    }

    /** Share of human-labelled good answers the judge let pass; NaN without any. */
    public double specificity() {
        return (double) passedAligned / (flaggedAligned + passedAligned);
    }
}
