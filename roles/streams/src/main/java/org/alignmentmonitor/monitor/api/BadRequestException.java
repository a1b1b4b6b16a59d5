package org.alignmentmonitor.monitor.api;

/** A request the API refuses; its message is returned to the caller with status 400. */
public final class BadRequestException extends RuntimeException {

    public BadRequestException(String message) {
        super(message);
    }
}
