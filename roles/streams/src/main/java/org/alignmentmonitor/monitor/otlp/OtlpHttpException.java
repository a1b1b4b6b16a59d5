package org.alignmentmonitor.monitor.otlp;

/** An export answered with an error status; the message becomes the {@code google.rpc.Status} message. */
final class OtlpHttpException extends RuntimeException {

    private final int status;

    OtlpHttpException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
