package org.alignmentmonitor.monitor.audit;

/** What an audit event records. */
public enum AuditKind {
    /** A person's first label on an item. */
    LABELLED,
    /** A person changed their own earlier label. */
    CORRECTED,
    /** A lead decided an item whose labellers disagreed. */
    ADJUDICATED,
    /** The instance started with a configuration section different from the last one recorded. */
    CONFIG_CHANGED,
    /** Someone took an export of a window. */
    EXPORTED
}
