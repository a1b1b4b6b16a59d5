package org.alignmentmonitor.review.queue;

import java.util.List;
import java.util.Objects;

/** One judgment by one person, as it travels on the labels topic; a later event of the same pair corrects an earlier one. */
public record LabelEvent(String itemId, String labeller, Judgment judgment, List<String> categories, String note,
                         String manualVersion, long labelledAt) {

    public LabelEvent {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(labeller, "labeller");
        Objects.requireNonNull(judgment, "judgment");
        categories = List.copyOf(categories);
        note = note == null ? "" : note;
        manualVersion = manualVersion == null ? "" : manualVersion;
    }

    /** Same judgment, categories, note and manual: resubmitting it changes nothing. */
    public boolean sameContent(LabelEvent other) {
        return judgment == other.judgment && categories.equals(other.categories) && note.equals(other.note)
                && manualVersion.equals(other.manualVersion);
    }
}
