package org.alignmentmonitor.judges;

/** The listener refused a judgment decided on the caller's thread; the caller should judge it again later. */
public final class JudgmentNotDeliveredException extends RuntimeException {

    public JudgmentNotDeliveredException(String interactionId, Throwable cause) {
        super("judgment of " + interactionId + " could not be delivered: " + cause.getMessage(), cause);
    }
}
