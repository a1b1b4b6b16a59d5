package org.alignmentmonitor.monitor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path tmp;

    @Test
    void shouldLayerDefaultsFileEnvironmentAndOverridesInThatOrder() throws Exception {
        Path file = tmp.resolve("monitor.properties");
        Files.writeString(file, """
                bootstrap.servers=kafka:9092
                security.protocol=SASL_SSL
                monitor.http.port=9000
                monitor.topics.partitions=12
                schema.registry.url=https://registry:8081
                """);
        MonitorConfig config = ConfigLoader.load(Map.of("monitor.http.port", "8080", "monitor.data.dir", "data"), file,
                Map.of("AM_SASL_JAAS_CONFIG", "jaas", "AM_MONITOR_TOPICS_PARTITIONS", "6", "PATH", "/bin"),
                Map.of("monitor.topics.partitions", "24"));

        assertThat(config.bootstrapServers()).contains("kafka:9092");
        assertThat(config.kafka()).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.jaas.config", "jaas")
                .doesNotContainKey("path");
        assertThat(config.registry()).containsEntry("schema.registry.url", "https://registry:8081");
        assertThat(config.httpPort()).isEqualTo(9000);
        assertThat(config.partitions()).isEqualTo(24);
        assertThat(config.dataDir()).isEqualTo(Path.of("data"));
    }

    @Test
    void shouldMapDoubleUnderscoresInEnvironmentNamesToUnderscores() {
        assertThat(ConfigLoader.fromEnv(Map.of("AM_SOME__KEY_NAME", "v"))).containsEntry("some_key.name", "v");
    }

    @Test
    void shouldUseTheEmbeddedBrokerWhenNoBootstrapServersAreSet() {
        MonitorConfig config = ConfigLoader.load(Map.of(), null, Map.of(), Map.of());
        assertThat(config.bootstrapServers()).isEmpty();
        assertThat(config.dedupHorizon()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void shouldRejectUnknownMonitorSettingsByName() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), null, Map.of(), Map.of("monitor.http.prot", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("monitor.http.prot");
    }

    @Test
    void shouldExplainBadValues() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), null, Map.of(), Map.of("monitor.dedup.horizon", "a week")))
                .hasMessageContaining("monitor.dedup.horizon").hasMessageContaining("7d");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), null, Map.of(), Map.of("monitor.topics.partitions", "many")))
                .hasMessageContaining("integer");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), null, Map.of(), Map.of("monitor.http.port", "70000")))
                .hasMessageContaining("0..65535");
    }

    @Test
    void shouldParseDurationsWithUnitsOrIso8601() {
        assertThat(ConfigLoader.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(ConfigLoader.parseDuration("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(ConfigLoader.parseDuration("PT5S")).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> ConfigLoader.parseDuration("0s")).isInstanceOf(IllegalArgumentException.class);
    }
}
