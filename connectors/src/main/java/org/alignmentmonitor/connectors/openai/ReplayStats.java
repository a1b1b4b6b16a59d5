package org.alignmentmonitor.connectors.openai;

/** Counts of one replay: non-blank lines read, and how many records were accepted and rejected. */
public record ReplayStats(long lines, long accepted, long rejected) {
}
