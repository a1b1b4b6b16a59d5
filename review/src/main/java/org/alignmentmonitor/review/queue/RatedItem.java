package org.alignmentmonitor.review.queue;

import java.util.Map;

/**
 * The current (latest) label of each labeller on one item, leads' adjudications excluded: the input of agreement figures.
 *
 * @param goldAnswer the known answer when the item is gold, else null
 */
public record RatedItem(String itemId, Judgment goldAnswer, Map<String, LabelEvent> latestByLabeller) {

    public RatedItem {
        latestByLabeller = Map.copyOf(latestByLabeller);
    }
}
