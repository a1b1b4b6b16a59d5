package org.alignmentmonitor.streams.topology;

import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.Verdict;

/** An interaction with its verdict, passed between processors of one task (never serialized). */
public record Judged(Interaction interaction, Verdict verdict) {
}
