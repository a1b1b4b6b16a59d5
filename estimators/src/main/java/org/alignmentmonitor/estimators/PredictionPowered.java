package org.alignmentmonitor.estimators;

/**
 * Classic two-sample prediction-powered mean (Angelopoulos et al. 2023): n labelled pairs
 * (y, yhat) and N unlabelled predictions. Kept for audits and the golden fixtures; the stream
 * uses {@link ActiveInference}, which handles unequal inclusion probabilities.
 */
public final class PredictionPowered {

    private PredictionPowered() {}

    /**
     * estimate = lam*mean(yhatU) + mean(y - lam*yhat);
     * se = sqrt(lam^2 var0(yhatU)/N + var0(y - lam*yhat)/n).
     */
    public static PpiEstimate classic(double[] y, double[] yhat, double[] yhatUnlabelled,
                                      double lam, double alpha) {
        Checks.level(alpha);
        int n = y.length;
        int bigN = yhatUnlabelled.length;
        if (n == 0 || n != yhat.length || bigN == 0) {
            throw new IllegalArgumentException("need n = len(yhat) > 0 labelled and N > 0 unlabelled");
        }
        double[] rectifier = new double[n];
        for (int i = 0; i < n; i++) {
            rectifier[i] = y[i] - lam * yhat[i];
        }
        double estimate = lam * mean(yhatUnlabelled) + mean(rectifier);
        double se = Math.sqrt(lam * lam * var0(yhatUnlabelled) / bigN + var0(rectifier) / n);
        return PpiEstimate.of(lam, estimate, se, alpha);
    }

    /** Power-tuned classic PPI: lam = cov0(y, yhat) / ((1 + n/N) var0(yhat ++ yhatU)), clipped to [0, 1]. */
    public static PpiEstimate classicTuned(double[] y, double[] yhat, double[] yhatUnlabelled, double alpha) {
        return classic(y, yhat, yhatUnlabelled, tunedLambda(y, yhat, yhatUnlabelled), alpha);
    }

    public static double tunedLambda(double[] y, double[] yhat, double[] yhatUnlabelled) {
        int n = y.length;
        int bigN = yhatUnlabelled.length;
        double my = mean(y);
        double mh = mean(yhat);
        double cov = 0;
        for (int i = 0; i < n; i++) {
            cov += (y[i] - my) * (yhat[i] - mh);
        }
        cov /= n;
        double[] all = new double[n + bigN];
        System.arraycopy(yhat, 0, all, 0, n);
        System.arraycopy(yhatUnlabelled, 0, all, n, bigN);
        double denom = (1 + (double) n / bigN) * var0(all);
        if (!(denom > 0)) {
            return 0.0;
        }
        return Math.max(0.0, Math.min(1.0, cov / denom));
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** Two-pass population variance, as numpy computes it. */
    private static double var0(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return s / x.length;
    }
}
