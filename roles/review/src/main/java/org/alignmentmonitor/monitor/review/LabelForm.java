package org.alignmentmonitor.monitor.review;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.alignmentmonitor.review.queue.Judgment;

/** Validates a posted label form: an allowed label, known categories only, a bounded note. */
final class LabelForm {

    static final int MAX_NOTE = 2000;

    private LabelForm() {
    }

    static LabelInput parse(String itemId, Map<String, List<String>> form, List<String> allowedCategories) {
        List<String> labels = form.getOrDefault("label", List.of());
        if (labels.size() != 1) {
            throw new ReviewHttpException(400, "choose exactly one label");
        }
        Judgment judgment;
        try {
            judgment = Judgment.valueOf(labels.get(0));
        } catch (IllegalArgumentException e) {
            throw new ReviewHttpException(400, "unknown label");
        }
        List<String> categories = form.getOrDefault("category", List.of());
        if (categories.size() > allowedCategories.size() || !allowedCategories.containsAll(categories)) {
            throw new ReviewHttpException(400, "unknown category");
        }
        Set<String> unique = new LinkedHashSet<>(categories);
        List<String> notes = form.getOrDefault("note", List.of());
        String note = notes.isEmpty() ? "" : notes.get(0).strip();
        if (notes.size() > 1 || note.length() > MAX_NOTE) {
            throw new ReviewHttpException(400, "the note is limited to " + MAX_NOTE + " characters");
        }
        return new LabelInput(itemId, judgment, List.copyOf(unique), note);
    }
}
