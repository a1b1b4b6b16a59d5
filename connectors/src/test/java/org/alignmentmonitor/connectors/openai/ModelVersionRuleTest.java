package org.alignmentmonitor.connectors.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelVersionRuleTest {

    @Test
    void modelStringSplitsOnTheLastColon() {
        ModelVersionRule rule = ModelVersionRule.parse("model-string");

        assertThat(rule).isEqualTo(ModelVersionRule.defaultRule());
        assertThat(rule.derive("llama-2-chat:13b", Map.of())).isEqualTo(new ModelVersion("llama-2-chat", "13b"));
        assertThat(rule.derive("ft:gpt-4o:acme:7", Map.of())).isEqualTo(new ModelVersion("ft:gpt-4o:acme", "7"));
        assertThat(rule.derive("gpt-4o", Map.of())).isEqualTo(new ModelVersion("gpt-4o", "unversioned"));
        assertThatThrownBy(() -> rule.derive(":7", Map.of()))
                .isInstanceOf(InvalidRecordException.class).hasMessage("model string ':7' has an empty model or version");
    }

    @Test
    void metadataFieldGivesTheVersion() {
        ModelVersionRule rule = ModelVersionRule.parse("metadata:model_version");

        assertThat(rule.spec()).isEqualTo("metadata:model_version");
        assertThat(rule.derive("assistant", Map.of("model_version", "2024-06-01")))
                .isEqualTo(new ModelVersion("assistant", "2024-06-01"));
        assertThatThrownBy(() -> rule.derive("assistant", Map.of()))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage("missing metadata.model_version (model version rule metadata:model_version)");
    }

    @Test
    void regexTakesNamedGroups() {
        ModelVersionRule rule = ModelVersionRule.parse("regex:^(?<model>.+)-(?<version>v[0-9.]+)$");

        assertThat(rule.derive("vicuna-7b-v1.5", Map.of())).isEqualTo(new ModelVersion("vicuna-7b", "v1.5"));
        assertThat(rule.spec()).isEqualTo("regex:^(?<model>.+)-(?<version>v[0-9.]+)$");
        assertThatThrownBy(() -> rule.derive("vicuna-7b", Map.of()))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage("model string 'vicuna-7b' does not match regex:^(?<model>.+)-(?<version>v[0-9.]+)$");
    }

    @Test
    void badSpecsSayWhatIsExpected() {
        assertThatThrownBy(() -> ModelVersionRule.parse("modelstring"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown model version rule 'modelstring'")
                .hasMessageContaining("metadata:<field>");
        assertThatThrownBy(() -> ModelVersionRule.parse("metadata:"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a field name");
        assertThatThrownBy(() -> ModelVersionRule.parse("regex:(?<model>.+"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("regex is invalid");
        assertThatThrownBy(() -> ModelVersionRule.parse("regex:(?<model>.+)-(.+)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no named group (?<version>...)");
    }

    @Test
    void parserAppliesTheConfiguredRule() {
        OpenAiLogParser parser = new OpenAiLogParser(ModelVersionRule.parse("metadata:checkpoint"), 1 << 20,
                Clock.systemUTC());

        ParseResult result = parser.parse(LogRecords.line(r -> LogRecords.metadata(r).put("checkpoint", "step-900")));

        assertThat(((ParseResult.Accepted) result).interaction().getModel()).isEqualTo("llama-2-chat:13b");
        assertThat(((ParseResult.Accepted) result).interaction().getVersion()).isEqualTo("step-900");
        assertThat(((ParseResult.Rejected) parser.parse(LogRecords.line(LogRecords.VALID))).reason())
                .isEqualTo("missing metadata.checkpoint (model version rule metadata:checkpoint)");
    }
}
