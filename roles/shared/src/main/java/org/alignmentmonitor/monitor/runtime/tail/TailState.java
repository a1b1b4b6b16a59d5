package org.alignmentmonitor.monitor.runtime.tail;

public enum TailState {
    STARTING,
    RUNNING,
    /** Waiting out the backoff after a failure. */
    RESTARTING,
    STOPPED,
    /** The loop thread ended on an Error; nothing restarts it. */
    FAILED
}
