package org.alignmentmonitor.streams.rates;

import java.time.Instant;
import java.util.ArrayList;

import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.avro.OutcomeEstimates;
import org.alignmentmonitor.avro.RateSnapshot;
import org.alignmentmonitor.estimators.EstimationOptions;
import org.alignmentmonitor.estimators.Estimates;
import org.alignmentmonitor.estimators.Estimator;

/** Every estimator over one merged window, in the form published on the rates topic. */
public final class RateSnapshots {

    private RateSnapshots() {
    }

    public static RateSnapshot of(String window, long startMs, long endMs, BucketStats merged,
                                  EstimationOptions options, long nowMs) {
        Estimates e = Estimator.estimate(EstimatorInputs.stateOf(merged), options);
        return RateSnapshot.newBuilder()
                .setModel(merged.getModel())
                .setVersion(merged.getVersion())
                .setWindow(window)
                .setWindowStart(Instant.ofEpochMilli(startMs))
                .setWindowEnd(Instant.ofEpochMilli(endMs))
                .setInteractions(merged.getInteractions())
                .setFlagged(merged.getFlagged())
                .setLabelled(e.labelled())
                .setMisaligned(merged.getMisaligned())
                .setAligned(merged.getAligned())
                .setAmbiguous(merged.getAmbiguous())
                .setAlpha(e.alpha())
                .setMeanScore(e.classifierOnly().meanScore())
                .setFlaggedShare(e.classifierOnly().flaggedShare())
                .setLow(outcome(e.low()))
                .setHigh(outcome(e.high()))
                .setClassifierConfigVersions(new ArrayList<>(merged.getClassifierConfigVersions()))
                .setAt(Instant.ofEpochMilli(nowMs))
                .build();
    }

    private static OutcomeEstimates outcome(Estimates.Outcome o) {
        return OutcomeEstimates.newBuilder()
                .setLabelsOnly(o.labelsOnly().ipwRate())
                .setWilsonLower(o.labelsOnly().wilson().lower())
                .setWilsonUpper(o.labelsOnly().wilson().upper())
                .setClopperPearsonLower(o.labelsOnly().clopperPearson().lower())
                .setClopperPearsonUpper(o.labelsOnly().clopperPearson().upper())
                .setPpi(o.ppi().estimate())
                .setPpiLower(o.ppi().lower())
                .setPpiUpper(o.ppi().upper())
                .setLambda(o.ppi().lam())
                .setZeroFailureUpper(o.zeroFailureBound())
                .setCsLower(o.confidenceSequence().lower())
                .setCsUpper(o.confidenceSequence().upper())
                .build();
    }
}
