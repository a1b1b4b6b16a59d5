package org.alignmentmonitor.streams.topology;

import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.JudgeRequest;
import org.alignmentmonitor.avro.Verdict;

/** An interaction with its verdict, passed between processors of one task (never serialized). */
public record Judged(Interaction interaction, Verdict verdict) {

    /** What the asynchronous judges get: the interaction with the rule results, so they need not run the rules again. */
    public JudgeRequest judgeRequest() {
        return new JudgeRequest(interaction, verdict.getResults(), verdict.getClassifierConfigVersion());
    }
}
