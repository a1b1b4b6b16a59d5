package org.alignmentmonitor.streams.errors;

/** A record that is well-formed on the wire but cannot be processed; its message becomes the dead-letter reason. */
public class InvalidRecordException extends RuntimeException {

    public InvalidRecordException(String reason) {
        super(reason);
    }
}
