package org.alignmentmonitor.judges.learned;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How well predicted probabilities match observed outcomes on held-back labels: reliability bins
 * (equal width), Brier score, log loss and expected calibration error (bin-weighted mean of
 * |mean predicted - observed rate|).
 */
public record CalibrationReport(String modelVersion, int n, double brier, double logLoss, double ece, List<Bin> bins) {

    /** One reliability bin [lower, upper); the last bin includes 1. */
    public record Bin(double lower, double upper, int count, double meanPredicted, double observedRate) {}

    private static final double EPS = 1e-15;

    public static CalibrationReport of(String modelVersion, double[] predicted, double[] outcome, int binCount) {
        if (predicted.length != outcome.length || binCount < 1) {
            throw new IllegalArgumentException("need as many outcomes as predictions and at least one bin");
        }
        int n = predicted.length;
        double brier = 0;
        double logLoss = 0;
        int[] counts = new int[binCount];
        double[] sumP = new double[binCount];
        double[] sumY = new double[binCount];
        for (int i = 0; i < n; i++) {
            double p = predicted[i];
            double y = outcome[i];
            brier += (p - y) * (p - y);
            double clipped = Math.min(1 - EPS, Math.max(EPS, p));
            logLoss -= y * Math.log(clipped) + (1 - y) * Math.log(1 - clipped);
            int b = Math.min(binCount - 1, (int) (p * binCount));
            counts[b]++;
            sumP[b] += p;
            sumY[b] += y;
        }
        List<Bin> bins = new ArrayList<>();
        double ece = 0;
        for (int b = 0; b < binCount; b++) {
            double meanP = counts[b] == 0 ? Double.NaN : sumP[b] / counts[b];
            double rate = counts[b] == 0 ? Double.NaN : sumY[b] / counts[b];
            if (counts[b] > 0) {
                ece += (double) counts[b] / n * Math.abs(meanP - rate);
            }
            bins.add(new Bin((double) b / binCount, (double) (b + 1) / binCount, counts[b], meanP, rate));
        }
        return n == 0 ? new CalibrationReport(modelVersion, 0, Double.NaN, Double.NaN, Double.NaN, bins)
                : new CalibrationReport(modelVersion, n, brier / n, logLoss / n, ece, bins);
    }

    public String toMarkdown() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Calibration of %s on %d held-back labels: Brier %.4f, log loss %.4f, ECE %.4f%n%n",
                modelVersion, n, brier, logLoss, ece));
        out.append("| bin | count | mean predicted | observed rate |\n|---|---:|---:|---:|\n");
        for (Bin bin : bins) {
            out.append(String.format(Locale.ROOT, "| %.1f-%.1f | %d | %s | %s |%n", bin.lower(), bin.upper(), bin.count(),
                    bin.count() == 0 ? "-" : String.format(Locale.ROOT, "%.3f", bin.meanPredicted()),
                    bin.count() == 0 ? "-" : String.format(Locale.ROOT, "%.3f", bin.observedRate())));
        }
        return out.toString();
    }
}
