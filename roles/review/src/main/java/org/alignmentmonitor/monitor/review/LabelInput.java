package org.alignmentmonitor.monitor.review;

import java.util.List;

import org.alignmentmonitor.review.queue.Judgment;

/** A validated label submission from the UI. */
public record LabelInput(String itemId, Judgment judgment, List<String> categories, String note) {

    public LabelInput {
        categories = List.copyOf(categories);
    }
}
