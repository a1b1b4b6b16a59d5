package org.alignmentmonitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleFileTest {

    private static final String VALID = """
            version: "2026-11-22"
            rules:
              - id: assistant-flagged
                model: assistant
                version: "v[0-9]*"
                kind: threshold
                series: flagged
                window: 1h
                threshold: 0.02
                minInteractions: 500
                sustainedFor: 5m
                severity: critical
                description: flagged share above 2%
              - id: regression-high
                model: "*"
                kind: regression
                series: misaligned_high
                window: 1h30m
                margin: 0.01
                alpha: 0.01
                minLabels: 200
            """;

    @Test
    void shouldReadEveryFieldWhenTheFileIsValid() {
        RuleFile file = RuleFile.parse(VALID);

        assertThat(file.version()).isEqualTo("2026-11-22");
        assertThat(file.rules()).hasSize(2);
        AlertRule threshold = file.rules().get(0);
        assertThat(threshold.kind()).isEqualTo(RuleKind.THRESHOLD);
        assertThat(threshold.series()).isEqualTo(Series.FLAGGED);
        assertThat(threshold.window()).isEqualTo(Duration.ofHours(1));
        assertThat(threshold.threshold()).isEqualTo(0.02);
        assertThat(threshold.alpha()).isEqualTo(AlertRule.DEFAULT_ALPHA);
        assertThat(threshold.minInteractions()).isEqualTo(500);
        assertThat(threshold.sustainedFor()).isEqualTo(Duration.ofMinutes(5));
        assertThat(threshold.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(threshold.appliesTo("assistant", "v12")).isTrue();
        assertThat(threshold.appliesTo("assistant", "beta")).isFalse();
        assertThat(threshold.appliesTo("coder", "v1")).isFalse();

        AlertRule regression = file.rules().get(1);
        assertThat(regression.kind()).isEqualTo(RuleKind.REGRESSION);
        assertThat(regression.series()).isEqualTo(Series.MISALIGNED_HIGH);
        assertThat(regression.window()).isEqualTo(Duration.ofMinutes(90));
        assertThat(regression.margin()).isEqualTo(0.01);
        assertThat(regression.alpha()).isEqualTo(0.01);
        assertThat(regression.minLabels()).isEqualTo(200);
        assertThat(regression.severity()).isEqualTo(Severity.WARNING);
        assertThat(regression.appliesTo("anything", "at:all")).isTrue();
        assertThat(file.windows()).containsExactly(Duration.ofHours(1), Duration.ofMinutes(90));
    }

    @Test
    void shouldReportEveryProblemWithRuleAndFieldWhenTheFileHasSeveral() {
        String yaml = """
                version: "1"
                colour: blue
                rules:
                  - id: too-high
                    kind: threshold
                    series: flagged
                    window: 1h
                    threshold: 1.5
                  - id: bad-duration
                    kind: threshold
                    series: flagged
                    window: 1 hour
                    threshold: 0.02
                    sustainedFor: soon
                  - id: bad-kind
                    kind: anomaly
                    series: misaligned
                    window: 1h
                  - id: bad-glob
                    model: "assistant[v"
                    kind: threshold
                    series: flagged
                    window: 1h
                    threshold: 0.02
                    severity: urgent
                    treshold: 0.02
                  - kind: regression
                    series: flagged
                    window: 1h
                    threshold: 0.02
                  - id: too-high
                    kind: threshold
                    series: flagged
                    window: 1h
                    threshold: 0.5
                    alpha: 0
                """;

        RuleFileException error = catchThrowableOfType(RuleFileException.class, () -> RuleFile.parse(yaml));

        assertThat(error.errors()).containsExactlyInAnyOrder(
                "top level: unknown field 'colour' (known: rules, version)",
                "rules[0] (id 'too-high'): threshold: must be in (0, 1), got 1.5",
                "rules[1] (id 'bad-duration'): window: '1 hour' is not a duration such as 30s, 5m, 1h or 1h30m",
                "rules[1] (id 'bad-duration'): sustainedFor: 'soon' is not a duration such as 30s, 5m, 1h or 1h30m",
                "rules[2] (id 'bad-kind'): kind: unknown value 'anomaly' (expected one of threshold, regression)",
                "rules[2] (id 'bad-kind'): series: unknown series 'misaligned' (expected flagged, misaligned_low or misaligned_high)",
                "rules[3] (id 'bad-glob'): unknown field 'treshold' (known: alpha, description, id, kind, margin, "
                        + "minInteractions, minLabels, model, series, severity, sustainedFor, threshold, version, window)",
                "rules[3] (id 'bad-glob'): model: pattern 'assistant[v' has an unclosed '['",
                "rules[3] (id 'bad-glob'): severity: unknown value 'urgent' (expected one of info, warning, critical)",
                "rules[4]: id: is required",
                "rules[4]: threshold: not used by regression rules",
                "rules[5] (id 'too-high'): alpha: must be in (0, 1), got 0");
        assertThat(error).hasMessageStartingWith("rule file has 12 errors:");
    }

    @Test
    void shouldReportADuplicateIdWhenTwoRulesShareIt() {
        String rule = """
                  - id: same
                    kind: threshold
                    series: flagged
                    window: 1h
                    threshold: 0.02
                """;

        assertThatThrownBy(() -> RuleFile.parse("version: '1'\nrules:\n" + rule + rule))
                .isInstanceOf(RuleFileException.class)
                .hasMessageContaining("rules[1] (id 'same'): id: duplicate of an earlier rule");
    }

    @Test
    void shouldRequireVersionAndRulesWhenTheyAreMissing() {
        RuleFileException error = catchThrowableOfType(RuleFileException.class, () -> RuleFile.parse("{}"));

        assertThat(error.errors()).containsExactly(
                "top level: 'version' is required: a string naming this revision of the rules",
                "top level: 'rules' is required: a list of rules");
    }

    @Test
    void shouldNameTheFileWhenLoadingOneThatIsInvalid(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rules.yaml");
        Files.writeString(file, "version: '1'\nrules: [{id: x}]\n");

        assertThatThrownBy(() -> RuleFile.load(file))
                .isInstanceOf(RuleFileException.class)
                .hasMessageStartingWith("rule file " + file + " has 3 errors")
                .hasMessageContaining("rules[0] (id 'x'): kind: is required");
        assertThatThrownBy(() -> RuleFile.load(dir.resolve("missing.yaml"))).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void shouldMatchGlobsLiterallyExceptForTheirWildcards() {
        assertThat(Glob.compile("v1.?").matches("v1.2")).isTrue();
        assertThat(Glob.compile("v1.?").matches("v102")).isFalse();
        assertThat(Glob.compile("[!a-c]x").matches("dx")).isTrue();
        assertThat(Glob.compile("[!a-c]x").matches("bx")).isFalse();
        assertThat(Glob.compile("a\\*").matches("a*")).isTrue();
        assertThat(Glob.compile("a\\*").matches("ab")).isFalse();
        assertThatThrownBy(() -> Glob.compile("[]")).hasMessageContaining("empty set");
        assertThatThrownBy(() -> Glob.compile("x\\")).hasMessageContaining("escape");
    }

    @Test
    void shouldParseAndFormatCompoundDurations() {
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.format(Duration.ofSeconds(3_690))).isEqualTo("1h1m30s");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    }
}
