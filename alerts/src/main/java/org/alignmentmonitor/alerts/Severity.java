package org.alignmentmonitor.alerts;

import java.util.Locale;

/** How urgently a rule's alert needs a human. */
public enum Severity {
    INFO, WARNING, CRITICAL;

    /** The spelling used in rule files and on the Alert record. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
