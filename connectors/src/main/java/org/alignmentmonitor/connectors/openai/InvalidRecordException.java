package org.alignmentmonitor.connectors.openai;

/**
 * A log record that cannot become an Interaction; the message is the rejection reason. Rejections
 * are routine (one per bad line), so no stack trace is captured.
 */
public final class InvalidRecordException extends RuntimeException {

    public InvalidRecordException(String reason) {
        super(reason, null, false, false);
    }
}
