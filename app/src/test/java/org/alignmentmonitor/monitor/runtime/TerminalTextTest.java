package org.alignmentmonitor.monitor.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTextTest {

    @Test
    void shouldShowControlCharactersInsteadOfLettingThemAct() {
        assertThat(TerminalText.safe("gpt\u001b[2J\rv1")).isEqualTo("gpt\\u001b[2J\\u000dv1");
        assertThat(TerminalText.safe("llama\u202e-2")).isEqualTo("llama\\u202e-2");
    }

    @Test
    void shouldKeepOrdinaryNamesAsTheyAre() {
        assertThat(TerminalText.safe("vicuna-7b:v1.5 模型")).isEqualTo("vicuna-7b:v1.5 模型");
    }
}
