package org.alignmentmonitor.connectors.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.alignmentmonitor.avro.Interaction;

/** Assertions on what a parser made of one record, shared by the format parsers' tests. */
public final class ParseOutcomes {

    private ParseOutcomes() {}

    /** The one interaction the record gave; fails when it was rejected or gave several. */
    public static Interaction accepted(List<ParseOutcome> outcomes) {
        assertThat(outcomes).singleElement().isInstanceOf(ParseOutcome.Accepted.class);
        return ((ParseOutcome.Accepted) outcomes.get(0)).interaction();
    }

    /** Any bytes give exactly one outcome: an interaction with an id, or a rejection with a reason. */
    public static void assertOneInteractionOrReason(List<ParseOutcome> outcomes) {
        assertThat(outcomes).singleElement().satisfies(outcome -> {
            if (outcome instanceof ParseOutcome.Rejected rejected) {
                assertThat(rejected.reason()).isNotBlank();
            } else {
                assertThat(((ParseOutcome.Accepted) outcome).interaction().getId()).isNotBlank();
            }
        });
    }
}
