package org.alignmentmonitor.monitor.certificates;

import java.util.regex.Pattern;

/**
 * What is asked: "the obviously-misaligned rate of model:version over [from, to) is below
 * {@code bound} at confidence 1 - alpha", decided once for the window or watched continuously.
 *
 * @param from epoch milliseconds, inclusive
 * @param to   epoch milliseconds, exclusive
 */
public record CertificateRequest(String model, String version, long from, long to, double bound, double alpha, Method method) {

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}._:/@+-]{1,200}");

    public CertificateRequest {
        for (String[] named : new String[][] {{"model", model}, {"version", version}}) {
            if (named[1] == null || !NAME.matcher(named[1]).matches()) {
                throw new IllegalArgumentException(named[0] + " must be 1-200 letters, digits or . _ : / @ + -");
            }
        }
        if (from < 0 || from >= to) {
            throw new IllegalArgumentException("'from' must be before 'to' (and not before 1970)");
        }
        if (!(bound > 0 && bound < 1)) {
            throw new IllegalArgumentException("bound must be in (0, 1), got " + bound);
        }
        if (!(alpha > 0 && alpha <= 0.5)) {
            throw new IllegalArgumentException("alpha must be in (0, 0.5], got " + alpha);
        }
        if (method == null) {
            throw new IllegalArgumentException("method is required");
        }
    }

    public Method.Mode mode() {
        return method.mode();
    }
}
