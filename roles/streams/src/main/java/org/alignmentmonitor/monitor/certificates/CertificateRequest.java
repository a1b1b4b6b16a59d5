package org.alignmentmonitor.monitor.certificates;

/**
 * What is asked: "the obviously-misaligned rate of model:version over [from, to) is below
 * {@code bound} at confidence 1 - alpha", decided once for the window or watched continuously.
 *
 * @param from epoch milliseconds, inclusive
 * @param to   epoch milliseconds, exclusive
 */
public record CertificateRequest(String model, String version, long from, long to, double bound, double alpha, Method method) {

    public CertificateRequest {
        // Names arrive validated by the API's QueryParams.requiredName; here they only must exist.
        if (model == null || model.isBlank() || version == null || version.isBlank()) {
            throw new IllegalArgumentException("model and version are required");
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
