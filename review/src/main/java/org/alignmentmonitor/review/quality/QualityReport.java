package org.alignmentmonitor.review.quality;

import java.util.List;
import java.util.Map;

/**
 * What a lead sees about the labelling itself. NaN figures mean "not enough overlapping labels yet".
 *
 * @param alpha              Krippendorff's alpha (nominal) over the three labels
 * @param alphaByCategory    alpha of "category chosen or not", per category, over items with two or more labels
 * @param positiveAgreement  positive-specific agreement on MISALIGNED
 * @param oldestWaitingAgeMs age of the oldest item waiting for a label, 0 when none waits
 */
public record QualityReport(double alpha, Map<String, Double> alphaByCategory, double positiveAgreement,
                            int itemsWithOverlap, List<GoldAccuracy> gold, Throughput throughput,
                            int queueDepth, long oldestWaitingAgeMs, int leased, int openAdjudications) {

    public QualityReport {
        alphaByCategory = Map.copyOf(alphaByCategory);
        gold = List.copyOf(gold);
    }
}
