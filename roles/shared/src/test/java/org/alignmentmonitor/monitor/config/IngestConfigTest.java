package org.alignmentmonitor.monitor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Map;

import org.alignmentmonitor.connectors.ingest.LogFormat;
import org.junit.jupiter.api.Test;

class IngestConfigTest {

    private static MonitorConfig load(Map<String, String> settings) {
        return ConfigLoader.load(Map.of(), null, Map.of(), settings);
    }

    @Test
    void shouldReadEachSourceWithItsFormatAndVersionRuleWhenConfigured() {
        IngestConfig ingest = load(Map.of(
                "monitor.sources.gateway.topic", "gateway-logs",
                "monitor.sources.claude.topic", "claude-logs",
                "monitor.sources.claude.format", "anthropic-messages",
                "monitor.sources.claude.version-rule", "regex:(?<model>.+)-(?<version>\\d{8})",
                "monitor.ingest.http.token", "t0k")).ingest();

        assertThat(ingest.sources()).extracting(IngestConfig.Source::name, IngestConfig.Source::topic, IngestConfig.Source::format)
                .containsExactly(
                        tuple("claude", "claude-logs", LogFormat.ANTHROPIC_MESSAGES),
                        tuple("gateway", "gateway-logs", LogFormat.OPENAI_CHAT));
        assertThat(ingest.sources().get(1).versionRule().spec()).isEqualTo("model-string");
        assertThat(ingest.rawSources()).extracting(s -> s.parser().format())
                .containsExactly(LogFormat.ANTHROPIC_MESSAGES, LogFormat.OPENAI_CHAT);
        assertThat(ingest.httpToken()).isEqualTo("t0k");
    }

    @Test
    void shouldHaveNoSourcesAndNoTokenByDefault() {
        IngestConfig ingest = load(Map.of()).ingest();

        assertThat(ingest.sources()).isEmpty();
        assertThat(ingest.httpToken()).isEmpty();
    }

    @Test
    void shouldNameTheSettingWhenASourceIsMisconfigured() {
        assertThatThrownBy(() -> load(Map.of("monitor.sources.gw.format", "openai-chat")))
                .hasMessageContaining("monitor.sources.gw.topic is required");
        assertThatThrownBy(() -> load(Map.of("monitor.sources.gw.topic", "t", "monitor.sources.gw.format", "csv")))
                .hasMessageContaining("monitor.sources.gw.").hasMessageContaining("unknown log format 'csv'");
        assertThatThrownBy(() -> load(Map.of("monitor.sources.gw.topic", "t", "monitor.sources.gw.version-rule", "guess")))
                .hasMessageContaining("unknown model version rule 'guess'");
        assertThatThrownBy(() -> load(Map.of("monitor.sources.gw.topik", "t")))
                .hasMessageContaining("unknown setting monitor.sources.gw.topik");
        assertThatThrownBy(() -> load(Map.of("monitor.ingest.http.max-records", "0")))
                .hasMessageContaining("monitor.ingest.http.max-records");
    }
}
