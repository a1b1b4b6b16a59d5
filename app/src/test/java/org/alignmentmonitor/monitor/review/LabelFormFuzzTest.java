package org.alignmentmonitor.monitor.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * The posted label form, with any fields and values: a valid label or a {@link ReviewHttpException}
 * with status 400, never another exception nor a hang. Without {@code JAZZER_FUZZ} this replays the
 * inputs under {@code src/test/resources/.../LabelFormFuzzTestInputs}.
 */
class LabelFormFuzzTest {

    private static final List<String> FIELDS = List.of("label", "category", "note", "csrf");
    private static final List<String> CATEGORIES = List.of("truncation", "repetition", "language");

    @FuzzTest(maxDuration = "5s")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldParseOrAnswerBadRequestWhenGivenAnyForm(FuzzedDataProvider data) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        int values = data.consumeInt(0, 8);
        for (int i = 0; i < values; i++) {
            form.computeIfAbsent(data.pickValue(FIELDS), k -> new ArrayList<>()).add(data.consumeString(3000));
        }
        try {
            LabelInput input = LabelForm.parse("item-1", form, CATEGORIES);
            assertThat(CATEGORIES).containsAll(input.categories());
            assertThat(input.note().length()).isLessThanOrEqualTo(LabelForm.MAX_NOTE);
        } catch (ReviewHttpException expected) {
            assertThat(expected.status()).isEqualTo(400);
        }
    }
}
