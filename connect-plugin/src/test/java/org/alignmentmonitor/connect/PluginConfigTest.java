package org.alignmentmonitor.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.alignmentmonitor.connectors.ingest.LogFormat;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

class PluginConfigTest {

    private static final Map<String, String> MINIMAL = Map.of("schema.registry.url", "http://registry:8081");

    @Test
    void shouldDefaultToOpenAiChatAndTheInteractionsDeadLetterTopicWhenOnlyTheRegistryIsGiven() {
        PluginConfig config = new PluginConfig(MINIMAL);

        assertThat(config.format()).isEqualTo(LogFormat.OPENAI_CHAT);
        assertThat(config.topic()).isEqualTo("interactions");
        assertThat(config.deadLetterTopic()).isEqualTo("interactions-dlq");
        assertThat(config.parserSettings().versionRule().spec()).isEqualTo("model-string");
    }

    @Test
    void shouldNameTheSettingWhenAFormatOrVersionRuleIsUnknown() {
        assertThatThrownBy(() -> new PluginConfig(Map.of("schema.registry.url", "http://r", "format", "csv")).format())
                .isInstanceOf(ConfigException.class).hasMessageContaining("format").hasMessageContaining("otlp-proto");
        assertThatThrownBy(() -> new PluginConfig(Map.of("schema.registry.url", "http://r", "version.rule", "guess")).parserSettings())
                .isInstanceOf(ConfigException.class).hasMessageContaining("version.rule");
        assertThatThrownBy(() -> new PluginConfig(Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url");
    }

    @Test
    void shouldReadTheRawRecordWhenTheValueIsBytesTextOrSchemalessJson() {
        byte[] text = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

        assertThat(InteractionEncoder.rawBytes(text)).isEqualTo(text);
        assertThat(InteractionEncoder.rawBytes("{\"a\":1}")).isEqualTo(text);
        assertThat(InteractionEncoder.rawBytes(ByteBuffer.wrap(text))).isEqualTo(text);
        assertThat(InteractionEncoder.rawBytes(Map.of("a", 1))).isEqualTo(text);
        assertThat(InteractionEncoder.rawBytes(List.of())).isEqualTo("[]".getBytes(StandardCharsets.UTF_8));
        assertThat(InteractionEncoder.rawBytes(null)).isNull();
        assertThatThrownBy(() -> InteractionEncoder.rawBytes(new Struct(SchemaBuilder.struct().build())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a raw record");
    }
}
