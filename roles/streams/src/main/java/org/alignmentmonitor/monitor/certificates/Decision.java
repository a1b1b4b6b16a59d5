package org.alignmentmonitor.monitor.certificates;

/** A certificate's answer; ordered from best to worst so two answers combine by taking the worse. */
public enum Decision {
    CERTIFIED("certified"),
    NOT_ENOUGH_LABELS("not enough labels"),
    /** A process certificate's counterpart: too few counted environment runs to decide. */
    NOT_ENOUGH_RUNS("not enough runs"),
    NOT_CERTIFIED("not certified");

    private final String text;

    Decision(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public Decision worse(Decision other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
