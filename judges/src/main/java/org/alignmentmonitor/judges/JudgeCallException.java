package org.alignmentmonitor.judges;

/**
 * A failed call to a judge endpoint.
 *
 * @see #retryable()
 */
public final class JudgeCallException extends RuntimeException {

    private final int httpStatus;
    private final boolean retryable;
    private final boolean endpointFault;
    private final long retryAfterMillis;

    public JudgeCallException(String message, int httpStatus, boolean retryable, boolean endpointFault,
                              long retryAfterMillis, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.retryable = retryable;
        this.endpointFault = endpointFault;
        this.retryAfterMillis = retryAfterMillis;
    }

    /** HTTP status, 0 when the call failed before a response (timeout, connection refused). */
    public int httpStatus() {
        return httpStatus;
    }

    /** 429, 5xx, 408, timeouts and I/O errors: worth another attempt. */
    public boolean retryable() {
        return retryable;
    }

    /** Whether the failure counts against the endpoint's circuit breaker (a 400 for one input does not). */
    public boolean endpointFault() {
        return endpointFault;
    }

    /** The server's Retry-After in milliseconds, 0 when it sent none. */
    public long retryAfterMillis() {
        return retryAfterMillis;
    }
}
