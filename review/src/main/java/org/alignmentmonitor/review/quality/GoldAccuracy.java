package org.alignmentmonitor.review.quality;

/** A labeller's agreement with the known answers of gold items, with a Clopper-Pearson interval at {@code level}. */
public record GoldAccuracy(String labeller, long correct, long total, double lower, double upper, double level) {

    public double accuracy() {
        return total == 0 ? Double.NaN : (double) correct / total;
    }
}
