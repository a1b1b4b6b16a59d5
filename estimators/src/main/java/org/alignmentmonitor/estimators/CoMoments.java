package org.alignmentmonitor.estimators;

/**
 * Means and co-moments (sums of centred cross-products) of three variables a, b, c over n
 * items, merged Chan-style: C_xy = C1_xy + C2_xy + d_x d_y n1 n2 / n with d = mean2 - mean1.
 *
 * <p>For the active-inference estimator a = f (classifier score), b = xi*y/pi and
 * c = xi*f/pi (xi = 1 when the item was labelled); every variance and covariance that the
 * estimator and its power-tuned lambda need is a linear combination of these six co-moments.
 */
public record CoMoments(long n, double meanA, double meanB, double meanC,
                        double caa, double cbb, double ccc, double cab, double cac, double cbc) {

    public static final CoMoments EMPTY = new CoMoments(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public static CoMoments of(double a, double b, double c) {
        return new CoMoments(1, a, b, c, 0, 0, 0, 0, 0, 0);
    }

    /**
     * From raw power sums, as a stream keeps them so that a late label is an additive delta.
     * Centring once here costs precision only when a variance is tiny against its squared mean,
     * which for scores in [0, 1] and weights 1/pi stays far above double rounding.
     */
    public static CoMoments fromPowerSums(long n, double sa, double sb, double sc,
                                          double saa, double sbb, double scc, double sab, double sac, double sbc) {
        if (n == 0) {
            return EMPTY;
        }
        double ma = sa / n;
        double mb = sb / n;
        double mc = sc / n;
        return new CoMoments(n, ma, mb, mc,
                Math.max(0, saa - sa * ma), Math.max(0, sbb - sb * mb), Math.max(0, scc - sc * mc),
                sab - sa * mb, sac - sa * mc, sbc - sb * mc);
    }

    public CoMoments add(double a, double b, double c) {
        return merge(of(a, b, c));
    }

    public CoMoments merge(CoMoments o) {
        if (o.n == 0) {
            return this;
        }
        if (n == 0) {
            return o;
        }
        long total = n + o.n;
        double w = (double) n * o.n / total;
        double da = o.meanA - meanA;
        double db = o.meanB - meanB;
        double dc = o.meanC - meanC;
        return new CoMoments(total,
                (n * meanA + o.n * o.meanA) / total,
                (n * meanB + o.n * o.meanB) / total,
                (n * meanC + o.n * o.meanC) / total,
                caa + o.caa + da * da * w,
                cbb + o.cbb + db * db * w,
                ccc + o.ccc + dc * dc * w,
                cab + o.cab + da * db * w,
                cac + o.cac + da * dc * w,
                cbc + o.cbc + db * dc * w);
    }
}
