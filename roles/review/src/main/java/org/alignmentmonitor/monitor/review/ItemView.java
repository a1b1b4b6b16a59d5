package org.alignmentmonitor.monitor.review;

import java.util.List;
import java.util.Optional;

import org.alignmentmonitor.review.queue.AdjudicationCase;
import org.alignmentmonitor.review.queue.LabelEvent;

/**
 * An item as one user may see it: redacted content, their own current label, and for leads the labels so far and
 * the open case. Whether the item is gold is never part of it.
 */
public record ItemView(String itemId, ReviewContent content, Optional<LabelEvent> mine, List<LabelEvent> history,
                       Optional<AdjudicationCase> openCase) {

    public ItemView {
        history = List.copyOf(history);
    }
}
