package org.alignmentmonitor.review.queue;

import java.util.List;
import java.util.Set;

/** An item a lead must decide, with the current label of every labeller. */
public record AdjudicationCase(String itemId, Set<Reason> reasons, List<LabelEvent> labels) {

    public AdjudicationCase {
        reasons = Set.copyOf(reasons);
        labels = List.copyOf(labels);
    }

    public enum Reason {
        /** Two labellers of a double-labelled item disagree. */
        DISAGREEMENT,
        /** Someone said MISALIGNED on a gold or double-labelled item: such labels are checked before they count. */
        MISALIGNED_ON_CHECKED_ITEM
    }
}
