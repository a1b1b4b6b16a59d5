package org.alignmentmonitor.monitor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.alignmentmonitor.classifiers.Classifier;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.classifiers.SuiteConfig;
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
    void shouldReadJudgeRoutesOverseerAndResilienceSettings() {
        MonitorConfig config = ConfigLoader.load(Map.of(), null, Map.of(), Map.of(
                "monitor.judges.self.1.match", "llama-2-chat:*",
                "monitor.judges.self.1.url", "http://vllm:8000",
                "monitor.judges.self.1.model", "meta-llama/Llama-2-13b-chat-hf",
                "monitor.judges.overseer.url", "http://overseer:8000",
                "monitor.judges.overseer.model", "overseer-70b",
                "monitor.judges.fraction", "0.25",
                "monitor.judges.timeout", "5s",
                "monitor.judges.breaker.failures", "7"));

        assertThat(config.judges().enabled()).isTrue();
        assertThat(config.judges().self().routes()).singleElement()
                .satisfies(r -> assertThat(r.glob()).isEqualTo("llama-2-chat:*"));
        assertThat(config.judges().overseer()).hasValueSatisfying(e -> assertThat(e.model()).isEqualTo("overseer-70b"));
        assertThat(config.judges().fraction()).isEqualTo(0.25);
        assertThat(config.judges().resilience().timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.judges().resilience().breakerFailures()).isEqualTo(7);
    }

    @Test
    void shouldRunTheSelfJudgeWithoutRoutesWhenAskedSoLabSelfAssessmentsAreUsed() {
        MonitorConfig config = ConfigLoader.load(Map.of(), null, Map.of(), Map.of("monitor.judges.self.enabled", "true"));

        assertThat(config.judges().hasSelf()).isTrue();
        assertThat(config.judges().self().routes()).isEmpty();
        assertThat(config.judges().enabled()).isTrue();
    }

    @Test
    void shouldLeaveJudgingOffByDefaultAndRejectHalfAnOverseer() {
        assertThat(ConfigLoader.load(Map.of(), null, Map.of(), Map.of()).judges().enabled()).isFalse();
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), null, Map.of(), Map.of("monitor.judges.overseer.url", "http://o:1")))
                .hasMessageContaining("monitor.judges.overseer.url and monitor.judges.overseer.model go together");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), null, Map.of(), Map.of("monitor.judges.fraction", "2")))
                .hasMessageContaining("monitor.judges.fraction must be in [0,1]");
    }

    @Test
    void shouldConfigureWhichClassifiersRunAndTheirThresholdsUnderAVersionOfTheirOwn() {
        MonitorConfig config = ConfigLoader.load(Map.of(), null, Map.of(), Map.of(
                "monitor.classifiers.version", "lab-rules-7",
                "monitor.classifiers.rule.profanity.enabled", "false",
                "monitor.classifiers.rule.repetition.threshold", "0.8"));

        assertThat(config.classifiers().version()).isEqualTo("lab-rules-7");
        assertThat(config.classifiers().classifiers().get("rule.profanity").enabled()).isFalse();
        assertThat(config.classifiers().classifiers().get("rule.repetition").threshold()).isEqualTo(0.8);
        ClassifierSuite suite = config.classifierSuite();
        assertThat(suite.configVersion()).isEqualTo("lab-rules-7");
        assertThat(suite.classifiers()).extracting(Classifier::id).doesNotContain("rule.profanity").contains("rule.repetition");
    }

    @Test
    void shouldRefuseClassifierChangesUnderTheDefaultVersionAndUnknownClassifiers() {
        assertThat(ConfigLoader.load(Map.of(), null, Map.of(), Map.of()).classifiers()).isEqualTo(SuiteConfig.defaults());
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), null, Map.of(), Map.of("monitor.classifiers.rule.profanity.enabled", "false")))
                .hasMessageContaining("monitor.classifiers.version of its own");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), null, Map.of(), Map.of("monitor.classifiers.version", "v9",
                "monitor.classifiers.rule.repetition.threshold", "2")))
                .hasMessageContaining("monitor.classifiers.rule.repetition.threshold: threshold must be in [0,1]");
        MonitorConfig typo = ConfigLoader.load(Map.of(), null, Map.of(), Map.of("monitor.classifiers.version", "v9",
                "monitor.classifiers.rule.profanty.enabled", "true"));
        assertThatThrownBy(typo::classifierSuite).hasMessageContaining("unknown classifier id 'rule.profanty'");
    }

    @Test
    void shouldParseDurationsWithUnitsOrIso8601() {
        assertThat(ConfigLoader.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(ConfigLoader.parseDuration("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(ConfigLoader.parseDuration("PT5S")).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> ConfigLoader.parseDuration("0s")).isInstanceOf(IllegalArgumentException.class);
    }

    /** Found by DurationFuzzTest: a malformed ISO duration or an overflowing count escaped as a non-IllegalArgumentException. */
    @Test
    void shouldRejectWithIllegalArgumentWhenADurationIsMalformedIsoOrOverflows() {
        assertThatThrownBy(() -> ConfigLoader.parseDuration("PT2H30I")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT2H30I");
        assertThatThrownBy(() -> ConfigLoader.parseDuration("9999999999999999d")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("9999999999999999d");
    }
}
