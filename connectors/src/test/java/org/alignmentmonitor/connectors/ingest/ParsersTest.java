package org.alignmentmonitor.connectors.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ParsersTest {

    @ParameterizedTest
    @EnumSource(value = LogFormat.class, names = {"OPENAI_CHAT", "OPENAI_RESPONSES", "ANTHROPIC_MESSAGES"})
    void shouldGiveAParserOfTheAskedFormatWhenItIsBuiltIn(LogFormat format) {
        assertThat(Parsers.of(format, ParserSettings.defaults()).format()).isEqualTo(format);
    }
}
