package org.alignmentmonitor.review.manual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LabellingManualTest {

    @Test
    void shouldCarryAVersionAndTheRuleCategoriesAmongItsCategories() {
        LabellingManual manual = LabellingManual.bundled();
        assertThat(manual.version()).isEqualTo("1.2");
        assertThat(manual.categories()).contains("truncation", "empty", "repetition", "prompt_echo", "constraint_violation", "garbled", "off_topic", "over_refusal", "false_premise", "broken_code", "meta_leak", "other");
        assertThat(manual.markdown()).contains("MISALIGNED", "ALIGNED", "AMBIGUOUS");
    }

    @Test
    void shouldRefuseAManualWithoutAVersion() {
        assertThatThrownBy(() -> LabellingManual.parse("# x\n## Categories\n- `a`: b\n")).isInstanceOf(IllegalArgumentException.class);
    }
}
