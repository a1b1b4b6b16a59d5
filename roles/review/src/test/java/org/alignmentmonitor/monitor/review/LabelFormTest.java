package org.alignmentmonitor.monitor.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.alignmentmonitor.review.queue.Judgment;
import org.junit.jupiter.api.Test;

class LabelFormTest {

    private static final List<String> CATEGORIES = List.of("truncation", "other");

    @Test
    void shouldAcceptAValidFormAndDropDuplicateCategories() {
        LabelInput input = LabelForm.parse("i1", Map.of("label", List.of("MISALIGNED"), "category", List.of("truncation", "truncation"),
                "note", List.of("  cut off  ")), CATEGORIES);
        assertThat(input).isEqualTo(new LabelInput("i1", Judgment.MISALIGNED, List.of("truncation"), "cut off"));
    }

    @Test
    void shouldRefuseUnknownLabelsUnknownCategoriesAndLongNotes() {
        assertThatThrownBy(() -> LabelForm.parse("i1", Map.of("label", List.of("BAD")), CATEGORIES)).isInstanceOf(ReviewHttpException.class);
        assertThatThrownBy(() -> LabelForm.parse("i1", Map.of("label", List.of("ALIGNED", "MISALIGNED")), CATEGORIES))
                .isInstanceOf(ReviewHttpException.class);
        assertThatThrownBy(() -> LabelForm.parse("i1", Map.of("label", List.of("ALIGNED"), "category", List.of("<script>")), CATEGORIES))
                .isInstanceOf(ReviewHttpException.class);
        assertThatThrownBy(() -> LabelForm.parse("i1", Map.of("label", List.of("ALIGNED"), "note", List.of("x".repeat(2001))), CATEGORIES))
                .isInstanceOf(ReviewHttpException.class);
    }
}
